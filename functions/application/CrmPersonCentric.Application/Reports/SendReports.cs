using System.Globalization;
using CrmPersonCentric.Application.Evaluation;
using CrmPersonCentric.Application.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Application.Reports;

/// <summary>
/// "Send the reports" (weekly): a read-only evaluation, one report per marketing lead with the trends kept so far,
/// archived under the day's folder with its e-mail digest and, when a sender is configured, sent to the lead: the digest
/// when Reports:ReportUrl says where the archive is served (it links there), else the full report.
/// </summary>
public sealed partial class SendReports(
    EvaluateDrift evaluations,
    PublishReports publisher,
    IReportMailer mailer,
    ITraitTaxonomySource taxonomy,
    IOptions<ReportOptions> options,
    TimeProvider time,
    ILogger<SendReports> logger)
{
    /// <summary>"What changed" in the weekly report is against the run about a week before (the backend evaluates hourly).</summary>
    public static readonly TimeSpan ComparedOver = TimeSpan.FromDays(6);

    /// <summary>Builds, archives and sends the reports; returns the archived names of the owners' reports.</summary>
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken = default)
    {
        var result = await evaluations.PreviewAsync("report", cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.Evaluation is null)
        {
            return [];
        }

        var day = time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var normalizer = await taxonomy.NormalizerAsync(cancellationToken).ConfigureAwait(false);
        var reports = await publisher.PublishAsync(options.Value.Organisation, result, normalizer.Taxonomy, new RunFacts(result.Contacts, result.Duration), day, ComparedOver, cancellationToken).ConfigureAwait(false);
        var archived = new List<string>();
        foreach (var report in reports.Owners)
        {
            archived.Add($"{day}/{report.FileName}");
            if (options.Value.SenderUserId is { } sender && Guid.TryParse(report.Owner.Id, out var owner))
            {
                await mailer.SendAsync(new ReportMail(sender, owner, $"Persona drift report {day}", Mail(report)), cancellationToken).ConfigureAwait(false);
                LogSent(logger, owner);
            }
        }

        return archived;
    }

    /// <summary>The digest when it can link to the full report (Reports:ReportUrl); else the full report itself, so nothing is out of reach.</summary>
    private string Mail(RenderedReport report) =>
        report.Digest is { } digest && options.Value.Links().ReportUrl is not null ? digest : report.Html;

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent the weekly report to owner {OwnerId}")]
    private static partial void LogSent(ILogger logger, Guid ownerId);
}
