using System.Collections.Immutable;
using System.Text.Json.Nodes;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.Schema;
using CrmPersonCentric.Dataverse.WebApi;
using PersonaRevisionTable = CrmPersonCentric.Dataverse.Schema.Tables.PersonaRevision;

namespace CrmPersonCentric.Dataverse.Records;

/// <summary>Persona revisions over the Web API (cpc_personarevisions).</summary>
public sealed class WebApiPersonaRevisions(IDataverseClient client) : IPersonaRevisions
{
    /// <summary>The columns a revision is read from (the persona lookup by its logical name).</summary>
    public static ImmutableArray<string> Columns { get; } = [PersonaRevisionTable.Key, PersonaRevisionTable.Persona, PersonaRevisionTable.PersonaVersion, PersonaRevisionTable.Type, PersonaRevisionTable.Dimension, PersonaRevisionTable.Subject, PersonaRevisionTable.ProposedValue, PersonaRevisionTable.Details, PersonaRevisionTable.Decision];

    /// <inheritdoc />
    public async Task<PersonaRevisionRecord?> FindAsync(Guid revisionId, CancellationToken cancellationToken = default)
    {
        var row = await client.RetrieveAsync(PersonaRevisionTable.EntitySet, revisionId, [.. Columns.Select(c => c == PersonaRevisionTable.Persona ? "_" + c + "_value" : c)], cancellationToken).ConfigureAwait(false);
        return row is null ? null : PersonaRevisionMapper.Read(revisionId, new JsonRow(row));
    }

    /// <inheritdoc />
    public async Task<RevisionDecision?> DecisionAsync(Guid revisionId, CancellationToken cancellationToken = default)
    {
        var row = await client.RetrieveAsync(PersonaRevisionTable.EntitySet, revisionId, [PersonaRevisionTable.Decision], cancellationToken).ConfigureAwait(false);
        return row is null ? null : PersonaRevisionMapper.Decision(new JsonRow(row));
    }

    /// <inheritdoc />
    public Task MarkAppliedAsync(Guid revisionId, CancellationToken cancellationToken = default) =>
        client.UpdateAsync(PersonaRevisionTable.EntitySet, revisionId, new JsonObject { [PersonaRevisionTable.Decision] = Choices.From(Choices.Decision.Applied, 0) }, cancellationToken: cancellationToken);
}
