using System.Collections.Immutable;
using System.Text;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Import;
using CrmPersonCentric.Reports;

namespace CrmPersonCentric.Cli;

/// <summary>
/// The main job: read a data directory, evaluate drift, write findings, suggestions, summaries, run history and one
/// HTML report per persona owner, and the enrichment worklists. Outputs are staged in a temporary folder and moved into place only when every
/// file was written, so a failed run never leaves half its outputs behind.
/// </summary>
public static class EvaluationRunner
{
    /// <summary>Findings file name.</summary>
    public const string FindingsFile = "findings.json";

    /// <summary>Suggestions file name.</summary>
    public const string SuggestionsFile = "suggestions.json";

    /// <summary>Per-persona summaries file name.</summary>
    public const string SummaryFile = "summary.json";

    /// <summary>Per-persona enrichment worklists file name (contact ids only).</summary>
    public const string EnrichmentFile = "enrichment.json";

    /// <summary>Per-persona advocates and connectors file name (contact ids and reasons, never names).</summary>
    public const string AdvocatesFile = "advocates.json";

    /// <summary>Index page file name.</summary>
    public const string IndexFile = "index.html";

    /// <summary>Runs the job; progress goes from 0 to 1 with a short description of the step.</summary>
    /// <exception cref="ImportException">The data directory is invalid.</exception>
    /// <exception cref="Model.ModelValidationException">The rules file is invalid.</exception>
    public static EvaluateResult Run(EvaluateRequest request, IProgress<(double Fraction, string Step)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        progress?.Report((0, "Reading data"));
        var data = OrgDataReader.Read(request.DataDirectory, new ImportOptions { RulesFile = request.RulesFile, Strict = request.Strict });
        var asOf = request.AsOf ?? data.ExportedOn ?? DateTimeOffset.UtcNow;
        progress?.Report((0.1, "Building population"));
        var population = PopulationBuilder.Build(data.Personas, data.Profiles, data.Signals, asOf, data.Themes);
        var engineProgress = progress is null ? null : new SynchronousProgress<double>(f => progress.Report((0.2 + (0.6 * f), "Evaluating drift")));
        var evaluation = new DriftEngine(new EvaluationOptions { Taxonomy = data.Taxonomy, Themes = data.Themes }).Evaluate(population, data.Rules, engineProgress);

        progress?.Report((0.8, "Rendering reports"));
        var historyPath = Path.Combine(request.OutputDirectory, RunHistory.FileName);
        var history = RunHistory.Append(RunHistory.Load(historyPath), evaluation);
        var reports = OwnerReport.ForEachOwner(data.Organisation, data.Personas, evaluation, history, data.Taxonomy, new RunFacts(population.Count, stopwatch.Elapsed) { ContactsLeftOut = data.Notes.ContactsLeftOut });
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [FindingsFile] = ReportJson.Serialize(evaluation.Findings),
            [SuggestionsFile] = ReportJson.Serialize(evaluation.Suggestions),
            [EnrichmentFile] = ReportJson.Serialize(evaluation.Worklists),
            [AdvocatesFile] = ReportJson.Serialize(evaluation.Personas.Select(p => new PersonaAdvocates(p.PersonaId, p.Advocates)).ToImmutableArray()),
            [SummaryFile] = ReportJson.Serialize(new RunSummary(
                data.Organisation,
                evaluation.AsOf,
                evaluation.TestsRun,
                evaluation.SuppressedSuggestions,
                [.. data.Rules.Where(r => r.Enabled).Select(r => r.Id)],
                evaluation.Personas)),
            [RunHistory.FileName] = ReportJson.Serialize(history),
            [IndexFile] = Index(data.Organisation, evaluation.AsOf, reports),
        };
        foreach (var report in reports)
        {
            files[report.FileName] = HtmlReportRenderer.Render(report);
        }

        progress?.Report((0.9, "Writing outputs"));
        WriteAtomically(request.OutputDirectory, files);
        progress?.Report((1, "Done"));
        return new EvaluateResult(data, evaluation, [.. files.Keys.Order(StringComparer.Ordinal)]);
    }

    private static void WriteAtomically(string directory, Dictionary<string, string> files)
    {
        Directory.CreateDirectory(directory);
        var staging = Path.Combine(directory, ".staging-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            foreach (var (name, content) in files)
            {
                File.WriteAllText(Path.Combine(staging, name), content, new UTF8Encoding(false));
            }

            foreach (var name in files.Keys)
            {
                File.Move(Path.Combine(staging, name), Path.Combine(directory, name), overwrite: true);
            }
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private static string Index(string organisation, DateTimeOffset asOf, ImmutableArray<OwnerReport> reports)
    {
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Persona drift reports</title></head>\n<body style=\"font-family:Segoe UI,Helvetica,Arial,sans-serif;padding:16px;\">\n");
        html.Append("<h1 style=\"font-size:22px;\">Persona drift reports</h1>\n<p>")
            .Append(System.Net.WebUtility.HtmlEncode(organisation)).Append(" · data as of ")
            .Append(asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Append("</p>\n<ul>\n");
        foreach (var report in reports)
        {
            html.Append("<li><a href=\"").Append(report.FileName).Append("\">").Append(System.Net.WebUtility.HtmlEncode(report.Owner.DisplayName))
                .Append("</a> — ").Append(string.Join(", ", report.Personas.Select(p => System.Net.WebUtility.HtmlEncode(p.Name)))).Append("</li>\n");
        }

        return html.Append("</ul>\n<p><a href=\"findings.json\">findings.json</a> · <a href=\"suggestions.json\">suggestions.json</a> · <a href=\"enrichment.json\">enrichment.json</a> · <a href=\"advocates.json\">advocates.json</a> · <a href=\"summary.json\">summary.json</a></p>\n</body></html>\n").ToString();
    }
}
