using System.Globalization;
using CrmPersonCentric.Application.Evaluation;
using CrmPersonCentric.Application.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Application.Reports;

/// <summary>
/// "Send the reports" (weekly): a read-only evaluation, one report per marketing lead with the trends kept so far,
/// archived under the day's folder with its e-mail digest and, when a sender is configured, the digest sent to the lead
/// (it links to the full report when Reports:ReportUrl says where the archive is served).
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
        var reports = await publisher.PublishAsync(options.Value.Organisation, result, normalizer.Taxonomy, new RunFacts(result.Contacts, result.Duration), day, cancellationToken).ConfigureAwait(false);
        var archived = new List<string>();
        foreach (var report in reports.Owners)
        {
            archived.Add($"{day}/{report.FileName}");
            if (options.Value.SenderUserId is { } sender && Guid.TryParse(report.Owner.Id, out var owner))
            {
                await mailer.SendAsync(new ReportMail(sender, owner, $"Persona drift report {day}", report.Digest ?? report.Html), cancellationToken).ConfigureAwait(false);
                LogSent(logger, owner);
            }
        }

        return archived;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent the weekly report to owner {OwnerId}")]
    private static partial void LogSent(ILogger logger, Guid ownerId);
}
