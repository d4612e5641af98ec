using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using CrmPersonCentric.Dataverse.WebApi;
using CrmPersonCentric.Functions.Hosting;
using CrmPersonCentric.Functions.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmPersonCentric.Benchmarks.Load;

/// <summary>
/// End-to-end load of the webhook pipeline: the app in standalone mode on Kestrel (real HTTP on loopback) over a real
/// Azurite, a paced stream of documented-format contact updates, and, in the same run, the raw single-entity upsert
/// rate of the same Azurite as the baseline. Reports accept-path p50/p99, accepted and processed events per second,
/// and counts every event (none may be lost).
/// </summary>
public static class LoadBenchmark
{
    private const string PersonaId = "1a2b3c4d-0000-4000-8000-000000000001";

    public static async Task<int> RunAsync(int rate = 500, int seconds = 10)
    {
        await using var azurite = await Azurite.StartNewAsync();
        var rawRate = await RawUpsertRateAsync(azurite.ConnectionString, TimeSpan.FromSeconds(5));

        var port = FreePort();
        var dataverse = new FakeDataverse();
        dataverse.Add("cpc_personas", PersonaRow(), Guid.Parse(PersonaId));
        var app = FunctionsApp.Build(
            [$"--urls=http://127.0.0.1:{port}", $"--Storage:ConnectionString={azurite.ConnectionString}", "--Dataverse:EnvironmentUrl=https://contoso.crm.dynamics.com", "--Functions:Keys:Default=load-key", "--Storage:TablePrefix=load", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.AspNetCore=Warning"],
            builder =>
            {
                builder.Services.AddSingleton<IDataverseClient>(dataverse);
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
            });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Add("x-functions-key", "load-key");
        await WarmUpAsync(http);

        var total = rate * seconds;
        var latencies = new ConcurrentBag<double>();
        var statuses = new ConcurrentDictionary<HttpStatusCode, int>();
        var clock = Stopwatch.StartNew();
        var sends = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var body = ContactUpdate(Guid.NewGuid());
            sends.Add(Task.Run(async () =>
            {
                var watch = Stopwatch.StartNew();
                using var response = await http.PostAsync("/api/dataverse-webhook", new StringContent(body, Encoding.UTF8, "application/json"));
                latencies.Add(watch.Elapsed.TotalMilliseconds);
                statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
            }));
        }

        await Task.WhenAll(sends);
        var acceptSeconds = clock.Elapsed.TotalSeconds;
        var accepted = statuses.GetValueOrDefault(HttpStatusCode.Accepted);
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient("loadsnapshots");
        var processed = 0;
        var deadline = TimeSpan.FromSeconds(seconds * 6 + 60);
        while (clock.Elapsed < deadline)
        {
            processed = await CountAsync(table);
            if (processed >= accepted)
            {
                break;
            }

            await Task.Delay(250);
        }

        var endToEndSeconds = clock.Elapsed.TotalSeconds;
        await app.StopAsync();
        await app.DisposeAsync();

        var sorted = latencies.Order().ToArray();
        double Percentile(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        var endToEndRate = processed / endToEndSeconds;
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Raw Azurite single-entity upserts (16 concurrent, 5 s): {rawRate:N0}/s")
            .AppendLine(CultureInfo.InvariantCulture, $"Offered: {total} contact updates at {rate}/s over {seconds} s")
            .AppendLine(CultureInfo.InvariantCulture, $"Accepted (202): {accepted} in {acceptSeconds:N1} s = {accepted / acceptSeconds:N0}/s; other statuses: {string.Join(", ", statuses.Where(s => s.Key != HttpStatusCode.Accepted).Select(s => $"{(int)s.Key}×{s.Value}"))}")
            .AppendLine(CultureInfo.InvariantCulture, $"Accept latency: p50 {Percentile(0.50):N1} ms, p99 {Percentile(0.99):N1} ms, max {sorted[^1]:N1} ms")
            .AppendLine(CultureInfo.InvariantCulture, $"Processed end to end: {processed} of {accepted} in {endToEndSeconds:N1} s = {endToEndRate:N0}/s ({endToEndRate / rawRate:P0} of the raw upsert rate)")
            .AppendLine(CultureInfo.InvariantCulture, $"Lost: {accepted - processed}");
        Console.Write(report.ToString());
        return processed == accepted && accepted == total ? 0 : 1;
    }

    private static async Task<double> RawUpsertRateAsync(string connection, TimeSpan duration)
    {
        var table = new TableServiceClient(connection).GetTableClient("rawupserts");
        await table.CreateIfNotExistsAsync();
        var count = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async worker =>
        {
            var i = 0;
            while (watch.Elapsed < duration)
            {
                await table.UpsertEntityAsync(new TableEntity("p" + worker.ToString(CultureInfo.InvariantCulture), (i++).ToString(CultureInfo.InvariantCulture)) { ["Value"] = "x" });
                Interlocked.Increment(ref count);
            }
        }));
        return count / watch.Elapsed.TotalSeconds;
    }

    private static async Task WarmUpAsync(HttpClient http)
    {
        for (var i = 0; i < 20; i++)
        {
            using var response = await http.PostAsync("/api/dataverse-webhook", new StringContent(ContactUpdate(Guid.NewGuid()), Encoding.UTF8, "application/json"));
        }

        await Task.Delay(2000);
    }

    private static async Task<int> CountAsync(TableClient table)
    {
        var count = 0;
        try
        {
            await foreach (var _ in table.QueryAsync<TableEntity>(select: ["RowKey"]))
            {
                count++;
            }
        }
        catch (Azure.RequestFailedException)
        {
            return 0;
        }

        return count - 20;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static JsonObject PersonaRow() => JsonNode.Parse($$"""
        { "cpc_personaid": "{{PersonaId}}", "cpc_name": "Load persona", "cpc_version": 1, "_ownerid_value": "0b0b0b0b-0000-4000-8000-000000000003", "cpc_reachedlayer": 742300002,
          "cpc_declaredtraits": "[{\"dimension\":\"coreFear\",\"trait\":\"missing-quota\",\"expectedPrevalence\":0.7}]", "cpc_expectedbehaviours": "[]" }
        """)!.AsObject();

    private static string ContactUpdate(Guid contact) => $$"""
        { "CorrelationId": "aaaa0000-bb11-2222-33cc-444444dddddd", "Depth": 1, "MessageName": "Update", "Mode": 1, "Stage": 40,
          "InputParameters": [ { "key": "Target", "value": { "__type": "Entity:http://schemas.microsoft.com/xrm/2011/Contracts", "Attributes": [ { "key": "cpc_corefears", "value": "Fear of missing quota; burnout" } ], "Id": "{{contact}}", "LogicalName": "contact" } } ],
          "PostEntityImages": [ { "key": "PostImage", "value": { "Attributes": [ { "key": "cpc_corefears", "value": "Fear of missing quota; burnout" },
            { "key": "cpc_personaid", "value": { "__type": "EntityReference:http://schemas.microsoft.com/xrm/2011/Contracts", "Id": "{{PersonaId}}", "LogicalName": "cpc_persona" } } ], "Id": "{{contact}}", "LogicalName": "contact", "RowVersion": "1" } } ],
          "PreEntityImages": [], "OutputParameters": [], "SharedVariables": [], "PrimaryEntityId": "{{contact}}", "PrimaryEntityName": "contact", "UserId": "11bb11bb-cc22-dd33-ee44-55ff55ff55ff" }
        """;
}
