using System.Text.Json;
using System.Text.Json.Nodes;
using CrmPersonCentric.Dataverse.Schema;
using CrmPersonCentric.Dataverse.WebApi;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Reports;
using F = CrmPersonCentric.Dataverse.Schema.Tables.DriftFinding;
using V = CrmPersonCentric.Dataverse.Schema.Tables.PersonaRevision;

namespace CrmPersonCentric.Functions.Services;

/// <summary>
/// Writes a run's findings and suggestions to Dataverse, keyed by their stable ids: findings are upserted by key
/// (open) and findings no longer seen are closed; a suggestion is created once, refreshed while Proposed, and never
/// touched after a decision. A run that died half-way can therefore be re-run without duplicates.
/// </summary>
public sealed class DataverseDriftWriter(IDataverseClient client)
{
    /// <summary>Writes the evaluation; returns what changed.</summary>
    public async Task<DriftWriteResult> WriteAsync(DriftEvaluation evaluation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var open = Choices.From(Choices.FindingStatus.Open, 0);
        var current = evaluation.Drift.ToList();
        foreach (var finding in current)
        {
            var row = new JsonObject
            {
                ["cpc_name"] = Truncate($"{finding.Metric}: {finding.SubjectLabel ?? finding.Subject ?? finding.Dimension?.ToString() ?? finding.PersonaId}", 100),
                [F.Persona + "@odata.bind"] = $"/{Tables.Persona.EntitySet}({finding.PersonaId})",
                [F.Rule] = finding.RuleId,
                [F.Metric] = Choices.From(finding.Metric),
                [F.Subject] = finding.Subject,
                [F.Severity] = Choices.From(finding.Severity),
                [F.Status] = open,
                [F.Evidence] = JsonSerializer.Serialize(finding.Evidence, ReportsJsonContext.Default.Evidence),
                [F.Rationale] = finding.Rationale,
            };
            await client.UpsertAsync(F.EntitySet, new Dictionary<string, object> { [F.Key] = finding.Id }, row, cancellationToken).ConfigureAwait(false);
        }

        var closed = 0;
        var keys = current.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        await foreach (var row in client.QueryAsync(F.EntitySet, new ODataQuery { Select = [F.Key, "cpc_driftfindingid"], Filter = ODataLiteral.Filter($"cpc_findingstatus eq {open}") }, cancellationToken).ConfigureAwait(false))
        {
            if (row[F.Key]?.GetValue<string>() is { } key && !keys.Contains(key) && Guid.TryParse(row["cpc_driftfindingid"]?.GetValue<string>(), out var id))
            {
                await client.UpdateAsync(F.EntitySet, id, new JsonObject { [F.Status] = Choices.From(Choices.FindingStatus.Closed, 0) }, cancellationToken: cancellationToken).ConfigureAwait(false);
                closed++;
            }
        }

        var existing = new Dictionary<string, (Guid Id, int? Decision)>(StringComparer.Ordinal);
        await foreach (var row in client.QueryAsync(V.EntitySet, new ODataQuery { Select = [V.Key, V.Decision, V.Id] }, cancellationToken).ConfigureAwait(false))
        {
            if (row[V.Key]?.GetValue<string>() is { } key && Guid.TryParse(row[V.Id]?.GetValue<string>(), out var id))
            {
                existing[key] = (id, row[V.Decision] is JsonValue v && v.TryGetValue<int>(out var d) ? d : null);
            }
        }

        int created = 0, refreshed = 0;
        var proposed = Choices.From(Choices.Decision.Proposed, 0);
        foreach (var suggestion in evaluation.Suggestions)
        {
            var row = Row(suggestion);
            if (existing.TryGetValue(suggestion.Key, out var found))
            {
                if (found.Decision is null || found.Decision == proposed)
                {
                    await client.UpdateAsync(V.EntitySet, found.Id, row, cancellationToken: cancellationToken).ConfigureAwait(false);
                    refreshed++;
                }

                continue;
            }

            row[V.Key] = suggestion.Key;
            row[V.Decision] = proposed;
            row[V.Persona + "@odata.bind"] = $"/{Tables.Persona.EntitySet}({suggestion.PersonaId})";
            await client.UpsertAsync(V.EntitySet, new Dictionary<string, object> { [V.Key] = suggestion.Key }, row, cancellationToken).ConfigureAwait(false);
            created++;
        }

        return new DriftWriteResult(current.Count, closed, created, refreshed);
    }

    private static JsonObject Row(RevisionSuggestion suggestion) => new()
    {
        ["cpc_name"] = Truncate($"{suggestion.Type}: {suggestion.Subject ?? suggestion.PersonaId}", 100),
        [V.Type] = Choices.From(suggestion.Type),
        [V.PersonaVersion] = suggestion.PersonaVersion,
        [V.Dimension] = suggestion.Dimension is { } d ? Choices.From(d) : null,
        [V.Subject] = suggestion.Subject,
        [V.ProposedValue] = suggestion.ProposedValue,
        [V.Details] = string.Join('\n', suggestion.Details),
        [V.Evidence] = JsonSerializer.Serialize(new SuggestionEvidence(suggestion.FindingIds, suggestion.Groups), ReportsJsonContext.Default.SuggestionEvidence),
        [V.Rationale] = suggestion.Rationale,
    };

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
