using System.Globalization;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Backend.Storage;
using CrmPersonCentric.Reports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Backend.Services;

/// <summary>
/// The weekly report: a read-only evaluation, one report per marketing lead (the main job's renderer) with the trends
/// kept in Tables, archived to Blob storage (or a local folder) and, when a sender is configured, sent to the lead.
/// </summary>
public sealed partial class ReportService(
    EvaluationService evaluations,
    TrendStore trends,
    StorageClients storage,
    IReportMailer mailer,
    ITraitTaxonomySource taxonomy,
    IOptions<ReportOptions> options,
    TimeProvider time,
    ILogger<ReportService> logger)
{
    /// <summary>Builds, archives and sends the reports; returns the archived names.</summary>
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken = default)
    {
        var result = await evaluations.RunAsync("report", write: false, cancellationToken).ConfigureAwait(false);
        if (result.Evaluation is null)
        {
            return [];
        }

        var history = await trends.TrendsAsync(result.Personas.Select(p => p.Id), cancellationToken).ConfigureAwait(false);
        var reports = OwnerReport.ForEachOwner(options.Value.Organisation, result.Personas, result.Evaluation, RunHistory.Append([.. history], result.Evaluation), (await taxonomy.NormalizerAsync(cancellationToken).ConfigureAwait(false)).Taxonomy, new RunFacts(result.Contacts, result.Duration));
        var day = time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var archived = new List<string>();
        foreach (var report in reports)
        {
            var html = HtmlReportRenderer.Render(report);
            var name = $"{day}/{report.FileName}";
            await ArchiveAsync(name, html, cancellationToken).ConfigureAwait(false);
            archived.Add(name);
            if (options.Value.SenderUserId is { } sender && Guid.TryParse(report.Owner.Id, out var owner))
            {
                await mailer.SendAsync(new ReportMail(sender, owner, $"Persona drift report {day}", html), cancellationToken).ConfigureAwait(false);
                LogSent(logger, owner);
            }
        }

        return archived;
    }

    private async Task ArchiveAsync(string name, string html, CancellationToken cancellationToken)
    {
        if (options.Value.LocalFolder is { Length: > 0 } folder)
        {
            var path = Path.Combine(folder, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, html, cancellationToken).ConfigureAwait(false);
            return;
        }

        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await storage.Container(StorageClients.ReportContainer).GetBlobClient(name).UploadAsync(BinaryData.FromString(html), overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent the weekly report to owner {OwnerId}")]
    private static partial void LogSent(ILogger logger, Guid ownerId);
}
