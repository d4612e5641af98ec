using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;

namespace CrmPersonCentric.Infra.Tests;

/// <summary>
/// Runs the published package (ReadyToRun) as its own process in standalone mode over a real Azurite, with a Dataverse
/// Web API stand-in reached through the App Service managed-identity endpoint, and drives every path the function
/// tests cover at the HTTP level plus a timer: health, a documented webhook processed from the inbox into a snapshot and
/// written back to Dataverse, signal ingestion, a malformed body, a wrong key, evaluation, reconciliation and the weekly
/// report. Anything the publish left out fails here rather than in Azure.
/// </summary>
public sealed class PublishedAppTests(PublishedPackage package)
{
    private const string FunctionKey = "package-key";
    private const string MasterKey = "package-master";

    [Fact]
    public async Task PublishedPackage_RunsEndToEnd()
    {
        Assert.True(package.Result.ExitCode == 0, package.Result.Output + package.Result.Error);
        var ct = TestContext.Current.CancellationToken;
        await using var azurite = await Azurite.StartNewAsync();
        await using var dataverse = await DataverseStandIn.StartAsync();
        dataverse.Rows.Add("cpc_personas", DataverseRows.Persona(name: "Package persona"), Guid.Parse(WebhookPayloads.PersonaId));
        var reports = Path.Combine(package.Directory, "reports");
        var environment = new Dictionary<string, string>(dataverse.Environment())
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Functions__Keys__Default"] = FunctionKey,
            ["Functions__Keys__Master"] = MasterKey,
            ["Reports__LocalFolder"] = reports,
            ["WeeklyReportSchedule"] = "*/2 * * * * *",
        };
        await using var app = AppProcess.Start(package.Worker, environment);
        await app.WaitHealthyAsync(TimeSpan.FromSeconds(60), ct);

        using var http = Client(app, FunctionKey);
        var contact = Guid.NewGuid();
        using (var accepted = await http.PostAsync("/api/dataverse-webhook", Json(WebhookPayloads.ContactChange(contact.ToString("D"), "5")), ct))
        {
            Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync(ct) + app.Output);
        }

        var people = new TableServiceClient(azurite.ConnectionString).GetTableClient("cpcpeople");
        TableEntity? snapshot = null;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (snapshot is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, ct);
            try
            {
                var found = await people.GetEntityIfExistsAsync<TableEntity>(Storage.PeopleStore.BucketOf(contact.ToString("D")), contact.ToString("D"), cancellationToken: ct);
                snapshot = found.HasValue ? found.Value : null;
            }
            catch (Azure.RequestFailedException)
            {
                // The table is created with the first write.
            }
        }

        Assert.True(snapshot is not null, "The snapshot was not written." + app.Output);
        Assert.Contains("missing-quota", snapshot!.GetString("CoreFear")?.Split('|') ?? []);
        deadline = DateTime.UtcNow.AddSeconds(30);
        while (!dataverse.Requests.Any(r => r.StartsWith($"PATCH /api/data/v9.2/contacts({contact:D})", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, ct);
        }

        Assert.Contains(dataverse.Requests, r => r.StartsWith($"PATCH /api/data/v9.2/contacts({contact:D})", StringComparison.Ordinal));
        Assert.Contains(dataverse.Requests, r => r.StartsWith("GET /msi/token", StringComparison.Ordinal));

        using (var signals = await http.PostAsync("/api/signals", Json($$"""[{ "signalId": "s-1", "contactId": "{{contact}}", "type": "referral", "occurredOn": "2026-11-01T00:00:00Z" }, { "signalId": "s-2" }]"""), ct))
        {
            var text = await signals.Content.ReadAsStringAsync(ct);
            Assert.True(signals.StatusCode == HttpStatusCode.OK, text + app.Output);
            using var body = JsonDocument.Parse(text);
            Assert.Equal(1, body.RootElement.GetProperty("accepted").GetInt32());
        }

        using (var malformed = await http.PostAsync("/api/dataverse-webhook", Json("""{ "PrimaryEntityName": "contact" }"""), ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
            Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        }

        using (var wrong = Client(app, "wrong"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostAsync("/api/dataverse-webhook", Json("{}"), ct)).StatusCode);
        }

        using var admin = Client(app, MasterKey);
        foreach (var (path, property) in new[] { ("/api/admin/evaluate", "contacts"), ("/api/admin/reconcile", "checked") })
        {
            using var response = await admin.PostAsync(path, null, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, path + ": " + text + app.Output);
            using var body = JsonDocument.Parse(text);
            Assert.True(body.RootElement.TryGetProperty(property, out _), path + ": " + text);
        }

        // The timer: the weekly report every 2 seconds here, archived in the local folder.
        deadline = DateTime.UtcNow.AddSeconds(30);
        while ((!Directory.Exists(reports) || Directory.GetFiles(reports, "report-*.html", SearchOption.AllDirectories).Length == 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, ct);
        }

        var report = Assert.Single(Directory.GetFiles(reports, "report-*.html", SearchOption.AllDirectories));
        Assert.Contains("Package persona", await File.ReadAllTextAsync(report, ct), StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", app.Output, StringComparison.Ordinal);
    }

    private static HttpClient Client(AppProcess app, string key)
    {
        var client = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("x-functions-key", key);
        return client;
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
}
