using CrmPersonCentric.Application.Evaluation;
using CrmPersonCentric.Application.History;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Model.Taxonomy;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Application.Reports;

/// <summary>
/// The one path from an evaluation to its reports, for cpc and the weekly report alike: the run's points laid over the
/// history kept so far, what changed since the last run (and the revisions decided since), the links to act (the report
/// settings' environment and app, the rows of the revisions still proposed), one report and one e-mail digest per owner
/// and an index rendered, each kept in the archive.
/// </summary>
public sealed class PublishReports(ITrendStore trends, IRevisionDecisions decisions, IReportRenderer renderer, IReportArchive archive, IOptions<ReportOptions> options)
{
    /// <summary>Renders and archives the reports of an evaluation (under <paramref name="folder"/>, when given).</summary>
    /// <param name="organisation">The organisation's name.</param>
    /// <param name="result">The evaluation.</param>
    /// <param name="taxonomy">Labels of trait keys.</param>
    /// <param name="run">What the run did.</param>
    /// <param name="folder">The archive folder (the day, for the weekly report).</param>
    /// <param name="changesOver">What changed is told against a run at least this much earlier (the weekly report: about a week); null: the latest earlier run.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<RenderedReports> PublishAsync(string organisation, EvaluationResult result, TraitTaxonomy taxonomy, RunFacts run, string? folder = null, TimeSpan? changesOver = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var evaluation = result.Evaluation ?? throw new ArgumentException("The evaluation was skipped: there is nothing to report.", nameof(result));
        var history = await trends.TrendsAsync(result.Personas.Select(p => p.Id), cancellationToken).ConfigureAwait(false);
        var all = RunHistory.Append([.. history], evaluation, taxonomy);
        var changes = RunChanges.Of(all, evaluation.AsOf, changesOver);
        var decided = changes.Since is { } since ? await decisions.DecidedSinceAsync(since, cancellationToken).ConfigureAwait(false) : [];
        var links = options.Value.Links();
        var rows = links.Environment is null || evaluation.Suggestions.IsEmpty
            ? new Dictionary<string, Guid>(StringComparer.Ordinal)
            : await decisions.ProposedRowsAsync(cancellationToken).ConfigureAwait(false);
        var request = new ReportRequest(organisation, result.Personas, evaluation, all, taxonomy, run)
        {
            Changes = changes,
            Decisions = [.. decided],
            Links = links,
            RevisionRows = rows,
            Folder = folder,
        };
        var reports = await renderer.RenderAsync(request, cancellationToken).ConfigureAwait(false);
        foreach (var report in reports.Owners)
        {
            await archive.ArchiveAsync(Path(folder, report.FileName), report.Html, cancellationToken).ConfigureAwait(false);
            if (report.Digest is { } digest)
            {
                await archive.ArchiveAsync(Path(folder, report.DigestFileName), digest, cancellationToken).ConfigureAwait(false);
            }
        }

        await archive.ArchiveAsync(Path(folder, reports.IndexFileName), reports.Index, cancellationToken).ConfigureAwait(false);
        return reports;
    }

    private static string Path(string? folder, string name) => folder is null ? name : folder + "/" + name;
}
