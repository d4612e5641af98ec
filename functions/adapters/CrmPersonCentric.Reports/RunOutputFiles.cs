using System.Collections.Immutable;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;

namespace CrmPersonCentric.Reports;

/// <summary>
/// A run's results as files of an output directory, where cpc writes what the Functions app writes to Dataverse:
/// findings.json, suggestions.json, enrichment.json (contact ids only), advocates.json (ids and reasons, never names)
/// and summary.json.
/// </summary>
/// <param name="output">The staged output directory.</param>
/// <param name="organisation">The organisation's name, for the summary.</param>
/// <param name="rules">The rules of the run; the summary lists the enabled ones.</param>
public sealed class RunOutputFiles(StagedOutput output, string organisation, ImmutableArray<DriftRule> rules) : IDriftResultWriter
{
    /// <summary>Findings file name.</summary>
    public const string FindingsFile = "findings.json";

    /// <summary>Suggestions file name.</summary>
    public const string SuggestionsFile = "suggestions.json";

    /// <summary>Per-persona enrichment worklists file name (contact ids only).</summary>
    public const string EnrichmentFile = "enrichment.json";

    /// <summary>Per-persona advocates and connectors file name (contact ids and reasons, never names).</summary>
    public const string AdvocatesFile = "advocates.json";

    /// <summary>Per-persona summaries file name.</summary>
    public const string SummaryFile = "summary.json";

    /// <summary>The files, in the order an index lists them.</summary>
    public static ImmutableArray<string> Files { get; } = [FindingsFile, SuggestionsFile, EnrichmentFile, AdvocatesFile, SummaryFile];

    /// <inheritdoc />
    public Task<DriftWriteResult> WriteAsync(DriftEvaluation evaluation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        output.Write(FindingsFile, ReportJson.Serialize(evaluation.Findings));
        output.Write(SuggestionsFile, ReportJson.Serialize(evaluation.Suggestions));
        output.Write(EnrichmentFile, ReportJson.Serialize(evaluation.Worklists));
        output.Write(AdvocatesFile, ReportJson.Serialize(evaluation.Personas.Select(p => new PersonaAdvocates(p.PersonaId, p.Advocates)).ToImmutableArray()));
        output.Write(SummaryFile, ReportJson.Serialize(new RunSummary(
            organisation,
            evaluation.AsOf,
            evaluation.TestsRun,
            evaluation.SuppressedSuggestions,
            [.. rules.Where(r => r.Enabled).Select(r => r.Id)],
            evaluation.Personas)));
        var worklisted = evaluation.Worklists.IsDefault ? 0 : evaluation.Worklists.Sum(w => w.Contacts.Length);
        return Task.FromResult(new DriftWriteResult(evaluation.Drift.Count(), 0, evaluation.Suggestions.Length, 0, worklisted));
    }
}
