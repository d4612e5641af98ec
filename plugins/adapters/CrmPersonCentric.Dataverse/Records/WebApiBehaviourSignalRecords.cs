using AutoMapper;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.WebApi;
using BehaviourSignalTable = CrmPersonCentric.Dataverse.Schema.Tables.BehaviourSignal;

using CrmPersonCentric.Model.Signals;

namespace CrmPersonCentric.Dataverse.Records;

/// <summary>Behaviour signal rows over the Web API (cpc_behavioursignals).</summary>
public sealed class WebApiBehaviourSignalRecords(IDataverseClient client, IMapper mapper) : IBehaviourSignalRecords
{
    private static readonly IReadOnlyList<string> Columns = ["_" + BehaviourSignalTable.Contact + "_value", BehaviourSignalTable.Type, BehaviourSignalTable.OccurredOn, BehaviourSignalTable.Theme, BehaviourSignalTable.Layer, BehaviourSignalTable.ExternalId, BehaviourSignalTable.Source, "_" + BehaviourSignalTable.RelatedContact + "_value"];

    /// <inheritdoc />
    public async Task<SignalInput?> FindAsync(Guid signalId, CancellationToken cancellationToken = default)
    {
        var row = await client.RetrieveAsync(BehaviourSignalTable.EntitySet, signalId, Columns, cancellationToken).ConfigureAwait(false);
        return row is null ? null : BehaviourSignalRow.From(new JsonRow(row), signalId).ToInput(mapper);
    }
}
