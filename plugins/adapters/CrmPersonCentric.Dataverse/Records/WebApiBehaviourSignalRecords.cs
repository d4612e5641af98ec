using AutoMapper;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.WebApi;
using S = CrmPersonCentric.Dataverse.Schema.Tables.BehaviourSignal;

using CrmPersonCentric.Model.Signals;

namespace CrmPersonCentric.Dataverse.Records;

/// <summary>Behaviour signal rows over the Web API (cpc_behavioursignals).</summary>
public sealed class WebApiBehaviourSignalRecords(IDataverseClient client, IMapper mapper) : IBehaviourSignalRecords
{
    private static readonly IReadOnlyList<string> Columns = ["_" + S.Contact + "_value", S.Type, S.OccurredOn, S.Theme, S.Layer, S.ExternalId, S.Source, "_" + S.RelatedContact + "_value"];

    /// <inheritdoc />
    public async Task<SignalInput?> FindAsync(Guid signalId, CancellationToken cancellationToken = default)
    {
        var row = await client.RetrieveAsync(S.EntitySet, signalId, Columns, cancellationToken).ConfigureAwait(false);
        return row is null ? null : BehaviourSignalRow.From(new JsonRow(row), signalId).ToInput(mapper);
    }
}
