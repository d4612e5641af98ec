using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Schema;
using CrmPersonCentric.Dataverse.WebApi;

using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Model;
using ContactTable = CrmPersonCentric.Dataverse.Schema.Tables.Contact;
using DriftFindingTable = CrmPersonCentric.Dataverse.Schema.Tables.DriftFinding;
using PersonaRevisionTable = CrmPersonCentric.Dataverse.Schema.Tables.PersonaRevision;

namespace CrmPersonCentric.Dataverse.Records;

/// <summary>
/// Writes a run's findings and suggestions over the Web API, keyed by their stable ids, in $batch requests of
/// <see cref="BatchSize"/> operations (each operation is idempotent, so a batch that failed half-way is simply written
/// again by the next run): findings (drift and data quality) are upserted by key as open and findings no longer seen
/// are closed; a suggestion is created once, refreshed while Proposed, and never touched after a decision; the
/// enrichment worklists are written onto their contacts and earlier marks cleared.
/// </summary>
public sealed class WebApiDriftResultWriter(IDataverseClient client) : IDriftResultWriter
{
    /// <summary>Operations per $batch request (Dataverse allows 1,000; smaller batches keep each request short).</summary>
    public const int BatchSize = 100;

    /// <inheritdoc />
    public async Task<DriftWriteResult> WriteAsync(DriftEvaluation evaluation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var open = Choices.From(Choices.FindingStatus.Open, 0);
        var operations = new List<BatchOperation>();
        var current = evaluation.Open.ToList();
        foreach (var finding in current)
        {
            operations.Add(new BatchOperation("PATCH", ODataLiteral.AlternateKeyPath(DriftFindingTable.EntitySet, Key(DriftFindingTable.Key, finding.Id)), FindingRow(finding, open)));
        }

        var closed = 0;
        var keys = current.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        var query = new ODataQuery { Select = [DriftFindingTable.Key, "cpc_driftfindingid"], Filter = DriftFindingTable.Status + ODataLiteral.Filter($" eq {open}") };
        await foreach (var row in client.QueryAsync(DriftFindingTable.EntitySet, query, cancellationToken).ConfigureAwait(false))
        {
            if (row[DriftFindingTable.Key]?.GetValue<string>() is { } key && !keys.Contains(key) && Guid.TryParse(row["cpc_driftfindingid"]?.GetValue<string>(), out var id))
            {
                operations.Add(new BatchOperation("PATCH", $"{DriftFindingTable.EntitySet}({id:D})", new JsonObject { [DriftFindingTable.Status] = Choices.From(Choices.FindingStatus.Closed, 0) }, IfMatch: "*"));
                closed++;
            }
        }

        var existing = new Dictionary<string, (Guid Id, int? Decision)>(StringComparer.Ordinal);
        await foreach (var row in client.QueryAsync(PersonaRevisionTable.EntitySet, new ODataQuery { Select = [PersonaRevisionTable.Key, PersonaRevisionTable.Decision, PersonaRevisionTable.Id] }, cancellationToken).ConfigureAwait(false))
        {
            if (row[PersonaRevisionTable.Key]?.GetValue<string>() is { } key && Guid.TryParse(row[PersonaRevisionTable.Id]?.GetValue<string>(), out var id))
            {
                existing[key] = (id, row[PersonaRevisionTable.Decision] is JsonValue v && v.TryGetValue<int>(out var d) ? d : null);
            }
        }

        int created = 0, refreshed = 0;
        var proposed = Choices.From(Choices.Decision.Proposed, 0);
        foreach (var suggestion in evaluation.Suggestions)
        {
            var row = SuggestionRow(suggestion);
            if (existing.TryGetValue(suggestion.Key, out var found))
            {
                if (found.Decision is null || found.Decision == proposed)
                {
                    operations.Add(new BatchOperation("PATCH", $"{PersonaRevisionTable.EntitySet}({found.Id:D})", row, IfMatch: "*"));
                    refreshed++;
                }

                continue;
            }

            row[PersonaRevisionTable.Key] = suggestion.Key;
            row[PersonaRevisionTable.Decision] = proposed;
            row[PersonaRevisionTable.Persona + "@odata.bind"] = $"/{Tables.Persona.EntitySet}({suggestion.PersonaId})";
            operations.Add(new BatchOperation("PATCH", ODataLiteral.AlternateKeyPath(PersonaRevisionTable.EntitySet, Key(PersonaRevisionTable.Key, suggestion.Key)), row));
            created++;
        }

        foreach (var batch in operations.Chunk(BatchSize))
        {
            await client.ExecuteBatchAsync(batch, atomic: false, cancellationToken).ConfigureAwait(false);
        }

        var (marked, cleared, gone) = await WriteWorklistsAsync(evaluation, cancellationToken).ConfigureAwait(false);
        var (advocates, advocatesCleared, _) = await WriteAdvocatesAsync(evaluation, cancellationToken).ConfigureAwait(false);
        await WriteDepthAsync(evaluation, cancellationToken).ConfigureAwait(false);
        return new DriftWriteResult(current.Count, closed, created, refreshed, marked, cleared, gone) { Advocates = advocates, AdvocatesCleared = advocatesCleared };
    }

    /// <summary>Marks each worklist contact (rank, missing dimensions, why) and clears the contacts no longer on a worklist.</summary>
    private Task<(int Marked, int Cleared, int Gone)> WriteWorklistsAsync(DriftEvaluation evaluation, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<Guid, JsonObject>();
        foreach (var worklist in evaluation.Worklists.IsDefault ? [] : evaluation.Worklists)
        {
            foreach (var candidate in worklist.Contacts)
            {
                if (Guid.TryParse(candidate.ContactId, out var id))
                {
                    rows[id] = WorklistRow(candidate);
                }
            }
        }

        return WriteContactMarksAsync(rows, ContactTable.EnrichmentRank, () => new JsonObject { [ContactTable.EnrichmentRank] = null, [ContactTable.EnrichmentMissing] = null, [ContactTable.EnrichmentNote] = null }, cancellationToken);
    }

    /// <summary>Marks each advocate and connector (why, what kind) and clears the contacts an earlier run marked that no longer stand out.</summary>
    private Task<(int Marked, int Cleared, int Gone)> WriteAdvocatesAsync(DriftEvaluation evaluation, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<Guid, JsonObject>();
        foreach (var persona in evaluation.Personas)
        {
            foreach (var person in persona.Advocates.People)
            {
                if (Guid.TryParse(person.ContactId, out var id))
                {
                    rows[id] = new JsonObject
                    {
                        [ContactTable.AdvocateReason] = Truncate(person.Reason, 500),
                        [ContactTable.AdvocateKinds] = Truncate(string.Join(", ", person.Kinds), 100),
                    };
                }
            }
        }

        return WriteContactMarksAsync(rows, ContactTable.AdvocateReason, () => new JsonObject { [ContactTable.AdvocateReason] = null, [ContactTable.AdvocateKinds] = null }, cancellationToken);
    }

    /// <summary>
    /// Writes per-contact marks computed by the run, and clears <paramref name="clear"/> on the contacts whose
    /// <paramref name="marker"/> an earlier run set that this run did not mark. A contact deleted since its snapshot was
    /// taken is skipped, not an error: the batch that met it is written again one row at a time.
    /// </summary>
    private async Task<(int Marked, int Cleared, int Gone)> WriteContactMarksAsync(Dictionary<Guid, JsonObject> rows, string marker, Func<JsonObject> clear, CancellationToken cancellationToken)
    {
        var marking = rows.Keys.ToHashSet();
        var cleared = 0;
        var query = new ODataQuery { Select = [ContactTable.Id], Filter = $"{marker} ne null" };
        await foreach (var row in client.QueryAsync(ContactTable.EntitySet, query, cancellationToken).ConfigureAwait(false))
        {
            if (Guid.TryParse(row[ContactTable.Id]?.GetValue<string>(), out var id) && !rows.ContainsKey(id))
            {
                rows[id] = clear();
                cleared++;
            }
        }

        int goneMarked = 0, goneCleared = 0;
        foreach (var batch in rows.Chunk(BatchSize))
        {
            try
            {
                await client.ExecuteBatchAsync([.. batch.Select(r => new BatchOperation("PATCH", $"{ContactTable.EntitySet}({r.Key:D})", r.Value, IfMatch: "*"))], atomic: false, cancellationToken).ConfigureAwait(false);
            }
            catch (DataverseException ex) when (ex.Status == HttpStatusCode.NotFound)
            {
                foreach (var (id, changes) in batch)
                {
                    try
                    {
                        await client.UpdateAsync(ContactTable.EntitySet, id, changes, cancellationToken: cancellationToken).ConfigureAwait(false);
                    }
                    catch (DataverseException missing) when (missing.Status == HttpStatusCode.NotFound)
                    {
                        _ = marking.Contains(id) ? goneMarked++ : goneCleared++;
                    }
                }
            }
        }

        return (marking.Count - goneMarked, cleared - goneCleared, goneMarked + goneCleared);
    }

    /// <summary>Writes each persona's depth check (the full one, with its evidence) onto the persona row; a persona deleted meanwhile is skipped.</summary>
    private async Task WriteDepthAsync(DriftEvaluation evaluation, CancellationToken cancellationToken)
    {
        var operations = evaluation.Personas
            .Where(p => Guid.TryParse(p.PersonaId, out _))
            .Select(p => new BatchOperation("PATCH", $"{Tables.Persona.EntitySet}({Guid.Parse(p.PersonaId):D})",
                new JsonObject { [Tables.Persona.DepthCheck] = Truncate(Model.Depth.PersonaDepth.Format(p.Depth), 4000) }, IfMatch: "*"))
            .ToList();
        foreach (var batch in operations.Chunk(BatchSize))
        {
            try
            {
                await client.ExecuteBatchAsync(batch, atomic: false, cancellationToken).ConfigureAwait(false);
            }
            catch (DataverseException ex) when (ex.Status == HttpStatusCode.NotFound)
            {
                // A persona deleted since the run read it: write the others one at a time, skip that one.
                foreach (var operation in batch)
                {
                    try
                    {
                        await client.ExecuteBatchAsync([operation], atomic: false, cancellationToken).ConfigureAwait(false);
                    }
                    catch (DataverseException missing) when (missing.Status == HttpStatusCode.NotFound)
                    {
                    }
                }
            }
        }
    }

    private static JsonObject WorklistRow(EnrichmentCandidate candidate) => new()
    {
        [ContactTable.EnrichmentRank] = candidate.Rank,
        [ContactTable.EnrichmentMissing] = Truncate(string.Join("; ", candidate.Missing.Select(d => d.ToDisplayName())), 200),
        [ContactTable.EnrichmentNote] = Truncate(candidate.Reason, 500),
    };

    private static Dictionary<string, object> Key(string column, string value) => new() { [column] = value };

    private static JsonObject FindingRow(Finding finding, int open) => new()
    {
        ["cpc_name"] = Truncate(finding.Headline.Length > 0 ? finding.Headline : $"{finding.Metric}: {finding.SubjectLabel ?? finding.Subject ?? finding.Dimension?.ToString() ?? finding.PersonaId}", 400),
        [DriftFindingTable.Persona + "@odata.bind"] = $"/{Tables.Persona.EntitySet}({finding.PersonaId})",
        [DriftFindingTable.Rule] = finding.RuleId,
        [DriftFindingTable.Metric] = Choices.From(finding.Metric),
        [DriftFindingTable.Subject] = finding.Subject,
        [DriftFindingTable.Severity] = Choices.From(finding.Severity),
        [DriftFindingTable.Status] = open,
        [DriftFindingTable.Evidence] = JsonSerializer.Serialize(finding.Evidence, DataverseJsonContext.Default.Evidence),
        [DriftFindingTable.Rationale] = finding.Rationale,
        [DriftFindingTable.Headline] = Truncate(finding.Headline, 400),
        [DriftFindingTable.Kind] = Choices.From(finding.Status switch
        {
            FindingStatus.Opportunity => Choices.FindingKind.Opportunity,
            FindingStatus.DataQuality => Choices.FindingKind.DataQuality,
            _ => Choices.FindingKind.Drift,
        }, 0),
    };

    private static JsonObject SuggestionRow(RevisionSuggestion suggestion) => new()
    {
        ["cpc_name"] = Truncate(suggestion.Title, 400),
        [PersonaRevisionTable.Type] = Choices.From(suggestion.Type),
        [PersonaRevisionTable.PersonaVersion] = suggestion.PersonaVersion,
        [PersonaRevisionTable.Dimension] = suggestion.Dimension is { } d ? Choices.From(d) : null,
        [PersonaRevisionTable.Subject] = suggestion.Subject,
        [PersonaRevisionTable.ProposedValue] = suggestion.ProposedValue,
        [PersonaRevisionTable.Details] = string.Join('\n', suggestion.Details),
        [PersonaRevisionTable.Evidence] = JsonSerializer.Serialize(new SuggestionEvidence(suggestion.FindingIds, suggestion.Groups), DataverseJsonContext.Default.SuggestionEvidence),
        [PersonaRevisionTable.Rationale] = suggestion.Rationale,
    };

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
