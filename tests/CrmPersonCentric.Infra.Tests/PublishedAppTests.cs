using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CrmPersonCentric.Infra.Tests;

/// <summary>
/// Runs the published Native AOT executable (standalone) over a real Azurite, with a local stand-in for the Dataverse
/// Web API and for the App Service managed-identity endpoint, and drives every path the tests of the JIT build cover
/// at the HTTP level: health, a documented webhook processed from the inbox into a snapshot and written back to
/// Dataverse (AutoMapper, Azure.Identity, the Web API client), signal ingestion, a malformed body and a wrong key.
/// Anything trimmed away or needing runtime code generation fails here rather than in Azure.
/// </summary>
public sealed class PublishedAppTests(PublishedPackage package)
{
    private const string PersonaId = "1a2b3c4d-0000-4000-8000-000000000001";

    [Fact]
    public async Task PublishedExecutable_ProcessesAWebhookEndToEnd()
    {
        Assert.True(package.Result.ExitCode == 0, package.Result.Output + package.Result.Error);
        var ct = TestContext.Current.CancellationToken;
        await using var azurite = await Azurite.StartNewAsync();
        var requests = new ConcurrentQueue<string>();
        await using var dataverse = await StartDataverseStandInAsync(requests);
        var dataversePort = new Uri(dataverse.Urls.First()).Port;
        var port = FreePort.Next();
        var start = new ProcessStartInfo(Path.Combine(package.PublishDirectory, "cpc-functions"), $"--urls=http://127.0.0.1:{port}")
        {
            WorkingDirectory = package.PublishDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["Storage__ConnectionString"] = azurite.ConnectionString,
                ["Dataverse__EnvironmentUrl"] = $"http://127.0.0.1:{dataversePort}",
                ["Functions__Keys__Default"] = "aot-key",
                ["Functions__Keys__Master"] = "aot-master",
                ["Reports__LocalFolder"] = Path.Combine(package.Directory, "reports"),
                ["IDENTITY_ENDPOINT"] = $"http://127.0.0.1:{dataversePort}/msi/token",
                ["IDENTITY_HEADER"] = "aot-identity-header",
            },
        };
        var log = new StringBuilder();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            http.DefaultRequestHeaders.Add("x-functions-key", "aot-key");
            using (var health = await WaitForHealthAsync(http))
            {
                Assert.True(health.StatusCode == HttpStatusCode.OK, Log(log));
                using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync(ct));
                Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
            }

            var contact = Guid.NewGuid();
            using (var accepted = await http.PostAsync("/api/dataverse-webhook", Json(ContactUpdate(contact)), ct))
            {
                Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync(ct) + Log(log));
            }

            var snapshots = new TableServiceClient(azurite.ConnectionString).GetTableClient("cpcpeople");
            var deadline = Stopwatch.StartNew();
            TableEntity? snapshot = null;
            while (snapshot is null && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(200, ct);
                try
                {
                    var found = await snapshots.GetEntityIfExistsAsync<TableEntity>(Functions.Storage.SnapshotStore.BucketOf(contact.ToString("D")), contact.ToString("D"), cancellationToken: ct);
                    snapshot = found.HasValue ? found.Value : null;
                }
                catch (Azure.RequestFailedException)
                {
                    // The table is created with the first write.
                }
            }

            Assert.True(snapshot is not null, "The snapshot was not written." + Log(log));
            Assert.Equal(contact.ToString("D"), snapshot!.GetString("ContactId"));
            Assert.Contains("missing-quota", snapshot.GetString("CoreFear")?.Split('|') ?? []);
            Assert.Contains(requests, r => r.StartsWith($"PATCH /api/data/v9.2/contacts({contact:D})", StringComparison.Ordinal));
            Assert.Contains(requests, r => r.StartsWith("GET /msi/token", StringComparison.Ordinal));

            using (var signals = await http.PostAsync("/api/signals", Json($$"""[{ "signalId": "s-1", "contactId": "{{contact}}", "type": "referral", "occurredOn": "2026-11-01T00:00:00Z" }, { "signalId": "s-2" }]"""), ct))
            {
                var text = await signals.Content.ReadAsStringAsync(ct);
                Assert.True(signals.StatusCode == HttpStatusCode.OK, text + Log(log));
                using var body = JsonDocument.Parse(text);
                Assert.Equal(1, body.RootElement.GetProperty("accepted").GetInt32());
                Assert.Equal(2, body.RootElement.GetProperty("rejected")[0].GetProperty("record").GetInt32());
            }

            using (var malformed = await http.PostAsync("/api/dataverse-webhook", Json("""{ "PrimaryEntityName": "contact" }"""), ct))
            {
                Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
                Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
            }

            using var wrongKey = new HttpRequestMessage(HttpMethod.Post, "/api/dataverse-webhook") { Content = Json(ContactUpdate(contact)) };
            wrongKey.Headers.Add("x-functions-key", "wrong");
            using var anonymous = new HttpClient { BaseAddress = http.BaseAddress };
            using var unauthorized = await anonymous.SendAsync(wrongKey, ct);
            Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);

            // The admin and timer paths: evaluation (lease, engine, run history), reconciliation (paging, repair,
            // lost-delete check) and the weekly report, each answered with its JSON.
            using var admin = new HttpClient { BaseAddress = http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            admin.DefaultRequestHeaders.Add("x-functions-key", "aot-master");
            foreach (var (path, property) in new[] { ("/api/admin/evaluate", "contacts"), ("/api/admin/reconcile", "checked") })
            {
                using var response = await admin.PostAsync(path, null, ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                Assert.True(response.StatusCode == HttpStatusCode.OK, path + ": " + text + Log(log));
                using var body = JsonDocument.Parse(text);
                Assert.True(body.RootElement.TryGetProperty(property, out _), path + ": " + text);
                if (path.EndsWith("evaluate", StringComparison.Ordinal))
                {
                    Assert.Equal(1, body.RootElement.GetProperty("contacts").GetInt32()); // the persona's one tagged contact, read by a table query
                }
            }

            using (var report = await admin.PostAsync("/WeeklyReport", Json("""{ "Data": {}, "Metadata": {} }"""), ct))
            {
                var text = await report.Content.ReadAsStringAsync(ct);
                Assert.True(report.StatusCode == HttpStatusCode.OK, text + Log(log));
                using var body = JsonDocument.Parse(text);
                Assert.StartsWith("Reports archived", body.RootElement.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
            }

            Assert.DoesNotContain("Unhandled exception", Log(log), StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static string Log(StringBuilder log)
    {
        lock (log)
        {
            return Environment.NewLine + "App output:" + Environment.NewLine + log;
        }
    }

    private static async Task<HttpResponseMessage> WaitForHealthAsync(HttpClient http)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var response = await http.GetAsync("/api/health");
                if (response.StatusCode == HttpStatusCode.OK || watch.Elapsed > TimeSpan.FromSeconds(30))
                {
                    return response;
                }

                response.Dispose();
            }
            catch (HttpRequestException) when (watch.Elapsed < TimeSpan.FromSeconds(30))
            {
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The Web API answers the step needs (persona, contact, account) and the managed-identity token endpoint.</summary>
    private static async Task<WebApplication> StartDataverseStandInAsync(ConcurrentQueue<string> requests)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort.Next()}");
        var app = builder.Build();
        app.Run(async context =>
        {
            var path = context.Request.Path.Value ?? string.Empty;
            requests.Enqueue($"{context.Request.Method} {path}{context.Request.QueryString}");
            context.Response.ContentType = "application/json";
            if (path == "/msi/token")
            {
                var ok = context.Request.Headers["X-IDENTITY-HEADER"] == "aot-identity-header";
                context.Response.StatusCode = ok ? 200 : 401;
                var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
                await context.Response.WriteAsync($$"""{ "access_token": "aot-token", "expires_on": "{{expires}}", "resource": "{{context.Request.Query["resource"]}}", "token_type": "Bearer" }""");
                return;
            }

            if (context.Request.Headers.Authorization != "Bearer aot-token")
            {
                context.Response.StatusCode = 401;
                return;
            }

            if (HttpMethods.IsPatch(context.Request.Method) || HttpMethods.IsPost(context.Request.Method))
            {
                var set = path.Split('/')[^1].Split('(')[0];
                context.Response.Headers["OData-EntityId"] = $"{context.Request.Scheme}://{context.Request.Host}/api/data/v9.2/{set}({Guid.NewGuid():D})";
                context.Response.StatusCode = 204;
                return;
            }

            var persona = $$"""
                { "@odata.etag": "W/\"7\"", "cpc_personaid": "{{PersonaId}}", "cpc_name": "AOT persona", "cpc_version": 1, "_ownerid_value": "0b0b0b0b-0000-4000-8000-000000000003",
                  "cpc_reachedlayer": 742300002, "cpc_declaredtraits": "[{\"dimension\":\"coreFear\",\"trait\":\"missing-quota\",\"expectedPrevalence\":0.7}]", "cpc_expectedbehaviours": "[]" }
                """;
            if (path.Contains("/cpc_personas(", StringComparison.Ordinal))
            {
                await context.Response.WriteAsync(persona);
                return;
            }

            if (path.EndsWith("/cpc_personas", StringComparison.Ordinal))
            {
                await context.Response.WriteAsync($$"""{ "value": [ {{persona}} ] }""");
                return;
            }

            if (path.Contains("/contacts(", StringComparison.Ordinal))
            {
                await context.Response.WriteAsync("""{ "@odata.etag": "W/\"5\"", "cpc_personafit": null, "cpc_insightsummary": null }""");
                return;
            }

            await context.Response.WriteAsync("""{ "value": [] }""");
        });
        await app.StartAsync();
        return app;
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static string ContactUpdate(Guid contact) => $$"""
        { "CorrelationId": "aaaa0000-bb11-2222-33cc-444444dddddd", "Depth": 1, "MessageName": "Update", "Mode": 1, "Stage": 40,
          "InputParameters": [ { "key": "Target", "value": { "__type": "Entity:http://schemas.microsoft.com/xrm/2011/Contracts", "Attributes": [ { "key": "cpc_corefears", "value": "Fear of missing quota; burnout" } ], "Id": "{{contact}}", "LogicalName": "contact" } } ],
          "PostEntityImages": [ { "key": "PostImage", "value": { "Attributes": [ { "key": "cpc_corefears", "value": "Fear of missing quota; burnout" },
            { "key": "cpc_personaid", "value": { "__type": "EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts", "Id": "{{PersonaId}}", "LogicalName": "cpc_persona" } } ], "Id": "{{contact}}", "LogicalName": "contact", "RowVersion": "5" } } ],
          "PreEntityImages": [], "OutputParameters": [], "SharedVariables": [], "PrimaryEntityId": "{{contact}}", "PrimaryEntityName": "contact", "UserId": "11bb11bb-cc22-dd33-ee44-55ff55ff55ff" }
        """;

}
