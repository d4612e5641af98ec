using System.Collections.Immutable;
using AutoMapper;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.WebApi;
using CrmPersonCentric.Dataverse.Webhook;
using CrmPersonCentric.Model;
using S = CrmPersonCentric.Dataverse.Schema.Tables.BehaviourSignal;

namespace CrmPersonCentric.Dataverse.Steps;

/// <summary>Behaviour signal created in Dataverse: record it in the backend.</summary>
public sealed class BehaviourSignalCreatedStep(IDataverseClient client, IPersonSnapshotSink sink, IMapper mapper) : IPluginStep
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
        IRowSource? source = context.Target is { } target && !context.IsSizeExceeded ? new EntityRow(target) : null;
        if (source is null)
        {
            var row = await client.RetrieveAsync(S.EntitySet, context.PrimaryEntityId, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                return StepResult.Skipped("The signal no longer exists.");
            }

            source = new JsonRow(row);
        }

        var signalRow = BehaviourSignalRow.From(source, context.PrimaryEntityId);
        var problems = signalRow.Problems().ToList();
        if (problems.Count > 0)
        {
            return StepResult.Rejected("The behaviour signal cannot be recorded: " + string.Join("; ", problems), problems);
        }

        await sink.RecordSignalAsync(mapper.Map<BehaviourSignal>(signalRow), cancellationToken).ConfigureAwait(false);
        return StepResult.Completed("Recorded the signal.");
    }
}
