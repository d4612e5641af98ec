using System.Globalization;
using System.Text.Json.Nodes;
using CrmPersonCentric.Dataverse.WebApi;
using CrmPersonCentric.Functions.Hosting;
using CrmPersonCentric.Functions.Storage;
using CrmPersonCentric.Model.Taxonomy;
using CrmPersonCentric.Reports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Functions.Services;

/// <summary>
/// The weekly report: a read-only evaluation, one HTML report per marketing lead (the main job's renderer) with the
/// trends kept in Tables, archived to Blob storage (or a local folder in standalone mode) and, when a sender is
/// configured, delivered as a Dataverse e-mail activity sent with SendEmail.
/// </summary>
public sealed partial class ReportService(
    EvaluationService evaluations,
    RunStore runs,
    StorageClients storage,
    IDataverseClient client,
    IOptions<ReportOptions> options,
    HostingMode mode,
    TimeProvider time,
    ILogger<ReportService> logger)
{
    /// <summary>Builds, archives and sends the reports; returns the archived names.</summary>
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken)
    {
        var result = await evaluations.RunAsync("report", write: false, cancellationToken).ConfigureAwait(false);
        if (result.Evaluation is null)
        {
            return [];
        }

        var history = await runs.TrendsAsync(result.Personas.Select(p => p.Id), cancellationToken).ConfigureAwait(false);
        var reports = OwnerReport.ForEachOwner(options.Value.Organisation, result.Personas, result.Evaluation, RunHistory.Append([.. history], result.Evaluation), TraitTaxonomy.Default);
        var day = time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var archived = new List<string>();
        foreach (var report in reports)
        {
            var html = HtmlReportRenderer.Render(report);
            var name = $"{day}/{report.FileName}";
            if (mode.IsCustomHandler)
            {
                await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
                await storage.Container(StorageClients.ReportContainer).GetBlobClient(name).UploadAsync(BinaryData.FromString(html), overwrite: true, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var path = Path.Combine(options.Value.LocalFolder, day, report.FileName);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, html, cancellationToken).ConfigureAwait(false);
            }

            archived.Add(name);
            if (options.Value.SenderUserId is { } sender && Guid.TryParse(report.Owner.Id, out var owner))
            {
                await SendAsync(sender, owner, $"Persona drift report {day}", html, cancellationToken).ConfigureAwait(false);
                LogSent(logger, owner);
            }
        }

        return archived;
    }

    private async Task SendAsync(Guid sender, Guid owner, string subject, string html, CancellationToken cancellationToken)
    {
        var email = new JsonObject
        {
            ["subject"] = subject,
            ["description"] = html,
            ["email_activity_parties"] = new JsonArray(
                new JsonObject { ["participationtypemask"] = 1, ["partyid_systemuser@odata.bind"] = $"/systemusers({sender:D})" },
                new JsonObject { ["participationtypemask"] = 2, ["partyid_systemuser@odata.bind"] = $"/systemusers({owner:D})" }),
        };
        var id = await client.CreateAsync("emails", email, cancellationToken).ConfigureAwait(false);
        await client.ExecuteActionAsync("SendEmail", new JsonObject { ["IssueSend"] = true }, "emails", id, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent the weekly report to owner {OwnerId}")]
    private static partial void LogSent(ILogger logger, Guid ownerId);
}
