using System.Collections.Immutable;
using System.Text.Json.Nodes;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.Schema;
using CrmPersonCentric.Dataverse.WebApi;
using PersonaRevisionTable = CrmPersonCentric.Dataverse.Schema.Tables.PersonaRevision;

namespace CrmPersonCentric.Dataverse.Records;

/// <summary>Persona revisions over the Web API (cpc_personarevisions).</summary>
public sealed class WebApiPersonaRevisions(IDataverseClient client) : IPersonaRevisions, IRevisionDecisions
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

    /// <inheritdoc />
    /// <remarks>Revisions changed since the moment whose decision is no longer Proposed; the decision's time is cpc_decidedon when the form set it, else the row's last change.</remarks>
    public async Task<IReadOnlyList<DecidedRevision>> DecidedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var proposed = Choices.From(Choices.Decision.Proposed, 0);
        var query = new ODataQuery
        {
            Select = ["cpc_name", "_" + PersonaRevisionTable.Persona + "_value", PersonaRevisionTable.Decision, PersonaRevisionTable.DecidedOn, "modifiedon"],
            Filter = PersonaRevisionTable.Decision + " ne null and " + PersonaRevisionTable.Decision + ODataLiteral.Filter($" ne {proposed} and modifiedon ge {since}"),
            OrderBy = "modifiedon asc",
        };
        var decided = new List<DecidedRevision>();
        await foreach (var row in client.QueryAsync(PersonaRevisionTable.EntitySet, query, cancellationToken).ConfigureAwait(false))
        {
            var source = new JsonRow(row);
            // A row modified since (an edit, marked applied) may have been decided long before: its decision date decides.
            var decidedOn = source.GetDate(PersonaRevisionTable.DecidedOn) ?? source.GetDate("modifiedon");
            if (source.GetLookupId(PersonaRevisionTable.Persona) is { } persona && PersonaRevisionMapper.Decision(source) is { } decision and not RevisionDecision.Proposed
                && decidedOn is { } on && on >= since)
            {
                decided.Add(new DecidedRevision(persona.ToString("D"), source.GetString("cpc_name") ?? "A revision", decision, on));
            }
        }

        return decided;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, Guid>> ProposedRowsAsync(CancellationToken cancellationToken = default)
    {
        var query = new ODataQuery
        {
            Select = [PersonaRevisionTable.Key, PersonaRevisionTable.Id],
            Filter = PersonaRevisionTable.Decision + ODataLiteral.Filter($" eq {Choices.From(Choices.Decision.Proposed, 0)}"),
        };
        var rows = new Dictionary<string, Guid>(StringComparer.Ordinal);
        await foreach (var row in client.QueryAsync(PersonaRevisionTable.EntitySet, query, cancellationToken).ConfigureAwait(false))
        {
            var source = new JsonRow(row);
            if (source.GetString(PersonaRevisionTable.Key) is { } key && Guid.TryParse(source.GetString(PersonaRevisionTable.Id), out var id))
            {
                rows[key] = id;
            }
        }

        return rows;
    }
}
