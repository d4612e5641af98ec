using System.Collections.Immutable;
using AutoMapper;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.Webhook;
using S = CrmPersonCentric.Dataverse.Schema.Tables.BehaviourSignal;

namespace CrmPersonCentric.Dataverse.Steps;

/// <summary>Behaviour signal created in Dataverse: record it in the backend.</summary>
public sealed class BehaviourSignalCreatedStep(IBehaviourSignalRecords signals, ISignalSink sink, IMapper mapper) : IPluginStep
{
    /// <summary>The step's registrations, declared once for the dispatcher, the solution and the registration command.</summary>
    public static ImmutableArray<StepRegistration> Declared { get; } =
    [
        new("CrmPersonCentric: behaviour signal created", "Create", S.Name, StepStage.PostOperation, StepMode.Asynchronous, [], [], "Records the signal in the backend."),
    ];

    /// <inheritdoc />
    public ImmutableArray<StepRegistration> Registrations => Declared;

    /// <inheritdoc />
    public async Task<StepResult> ExecuteAsync(RemoteExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reading = context.Target is { } target && !context.IsSizeExceeded
            ? BehaviourSignalRow.From(new EntityRow(target), context.PrimaryEntityId).ToReading(mapper)
            : await signals.FindAsync(context.PrimaryEntityId, cancellationToken).ConfigureAwait(false);
        if (reading is null)
        {
            return StepResult.Skipped("The signal no longer exists.");
        }

        if (reading.Signal is null)
        {
            return StepResult.Rejected("The behaviour signal cannot be recorded: " + string.Join("; ", reading.Problems), reading.Problems);
        }

        await sink.RecordSignalAsync(reading.Signal, cancellationToken).ConfigureAwait(false);
        return StepResult.Completed("Recorded the signal.");
    }
}
