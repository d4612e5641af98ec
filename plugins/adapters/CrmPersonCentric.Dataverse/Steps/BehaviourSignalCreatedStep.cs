using System.Collections.Immutable;
using AutoMapper;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Application.Signals;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.Webhook;
using CrmPersonCentric.Model;
using BehaviourSignalTable = CrmPersonCentric.Dataverse.Schema.Tables.BehaviourSignal;

namespace CrmPersonCentric.Dataverse.Steps;

/// <summary>
/// Behaviour signal created in Dataverse: record it in the backend, validated by the same rules as the signals API and
/// the data directory; problems are named by the row's columns.
/// </summary>
public sealed class BehaviourSignalCreatedStep(IBehaviourSignalRecords signals, IngestSignals ingestion, IMapper mapper) : IPluginStep
{
    /// <summary>The step's registrations, declared once for the dispatcher, the solution and the registration command.</summary>
    public static ImmutableArray<StepRegistration> Declared { get; } =
    [
        new("CrmPersonCentric: behaviour signal created", "Create", BehaviourSignalTable.Name, StepStage.PostOperation, StepMode.Asynchronous, [], [], "Records the signal in the backend."),
    ];

    /// <inheritdoc />
    public ImmutableArray<StepRegistration> Registrations => Declared;

    /// <inheritdoc />
    public async Task<StepResult> ExecuteAsync(RemoteExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.Target is { } target && !context.IsSizeExceeded
            ? BehaviourSignalRow.From(new EntityRow(target), context.PrimaryEntityId).ToInput(mapper)
            : await signals.FindAsync(context.PrimaryEntityId, cancellationToken).ConfigureAwait(false);
        if (input is null)
        {
            return StepResult.Skipped("The signal no longer exists.");
        }

        var problems = await ingestion.RecordAsync(input, cancellationToken).ConfigureAwait(false);
        if (!problems.IsEmpty)
        {
            var errors = problems.Select(p => new ValidationError(BehaviourSignalRow.ColumnOf(p.Field), p.Message)).ToImmutableArray();
            return StepResult.Rejected("The behaviour signal cannot be recorded: " + string.Join("; ", errors), errors);
        }

        return StepResult.Completed("Recorded the signal.");
    }
}
