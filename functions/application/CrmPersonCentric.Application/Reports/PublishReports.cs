using CrmPersonCentric.Application.Evaluation;
using CrmPersonCentric.Application.History;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Application.Reports;

/// <summary>
/// The one path from an evaluation to its reports, for cpc and the weekly report alike: the run's points laid over the
/// history kept so far, what changed since the last run (and the revisions decided since), one report per owner and an
/// index rendered, each kept in the archive.
/// </summary>
public sealed class PublishReports(ITrendStore trends, IRevisionDecisions decisions, IReportRenderer renderer, IReportArchive archive)
{
    /// <summary>Renders and archives the reports of an evaluation (under <paramref name="folder"/>, when given).</summary>
    public async Task<RenderedReports> PublishAsync(string organisation, EvaluationResult result, TraitTaxonomy taxonomy, RunFacts run, string? folder = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var evaluation = result.Evaluation ?? throw new ArgumentException("The evaluation was skipped: there is nothing to report.", nameof(result));
        var history = await trends.TrendsAsync(result.Personas.Select(p => p.Id), cancellationToken).ConfigureAwait(false);
        var all = RunHistory.Append([.. history], evaluation, taxonomy);
        var changes = RunChanges.Of(all, evaluation.AsOf);
        var decided = changes.Since is { } since ? await decisions.DecidedSinceAsync(since, cancellationToken).ConfigureAwait(false) : [];
        var reports = renderer.Render(new ReportRequest(organisation, result.Personas, evaluation, all, taxonomy, run) { Changes = changes, Decisions = [.. decided] });
        foreach (var report in reports.Owners)
        {
            await archive.ArchiveAsync(Path(folder, report.FileName), report.Html, cancellationToken).ConfigureAwait(false);
        }

        await archive.ArchiveAsync(Path(folder, reports.IndexFileName), reports.Index, cancellationToken).ConfigureAwait(false);
        return reports;
    }

    private static string Path(string? folder, string name) => folder is { Length: > 0 } ? folder + "/" + name : name;
}
