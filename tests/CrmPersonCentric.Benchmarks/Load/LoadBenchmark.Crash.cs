using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Azure.Data.Tables;

namespace CrmPersonCentric.Benchmarks.Load;

public static partial class LoadBenchmark
{
    /// <summary>
    /// The crash phase: the Functions app as its own process (the standalone host of the Functions build), the Dataverse
    /// Web API as a stand-in on its own port. New contacts are posted at the offered rate; half-way the process is
    /// killed (no graceful shutdown) and started again on the same port while the senders go on. Afterwards every
    /// accepted event must have its snapshot (none lost) and every contact at most one write-back PATCH (none applied
    /// twice: a message redelivered after the crash finds its version stored and the computed columns in place).
    /// </summary>
    /// <summary>Runs the crash phase alone (`-- crash [rate] [seconds]`).</summary>
    public static async Task<int> RunCrashAsync(int rate, int seconds)
    {
        await using var azurite = await Azurite.StartNewAsync();
        var (report, passed) = await CrashAsync(azurite, rate, seconds);
        Console.Write(report);
        return passed ? 0 : 1;
    }

    private static async Task<(string Report, bool Passed)> CrashAsync(Azurite azurite, int rate, int seconds)
    {
        await using var dataverse = await DataverseStandIn.StartAsync();
        dataverse.Rows.Add("cpc_personas", PersonaRow(), Guid.Parse(PersonaId));
        var environment = new Dictionary<string, string>(dataverse.Environment())
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Functions__Keys__Default"] = "load-key",
            ["Storage__TablePrefix"] = "crash",
            ["InboxQueueName"] = "crash-inbox",
            // A message the killed process was processing is delivered again after this lease.
            ["Standalone__QueueLease"] = "00:00:10",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var worker = Path.Combine(FunctionsBuild.Directory, "CrmPersonCentric.Functions.dll");
        var port = FreePort.Next();
        var app = AppProcess.Start(worker, environment, port);
        Task? killer = null;
        // The app is killed however the phase ends (a restart that never turns healthy included): a process left
        // running would poll the next run's storage. The killer is awaited first, so it cannot start a process after.
        try
        {
            await app.WaitHealthyAsync(TimeSpan.FromSeconds(60));
            using var http = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(10) };
            http.DefaultRequestHeaders.Add("x-functions-key", "load-key");

            var accepted = new ConcurrentBag<Guid>();
            var refused = 0;
            var clock = Stopwatch.StartNew();
            var total = rate * seconds;
            var sends = new List<Task>(total);
            TimeSpan down = default, restartedAfter = default;
            var polls = string.Empty;
            var healthy = true;
            killer = Task.Run(async () =>
            {
                await Task.Delay(TimeSpan.FromSeconds(seconds / 2.0));
                var killedAt = clock.Elapsed;
                await app.DisposeAsync();
                app = AppProcess.Start(worker, environment, port);
                try
                {
                    restartedAfter = await app.WaitHealthyAsync(TimeSpan.FromSeconds(60));
                }
                catch (TimeoutException)
                {
                    healthy = false; // reported below, and the phase fails
                    restartedAfter = clock.Elapsed - killedAt;
                }

                down = clock.Elapsed - killedAt;
                polls = app.HealthPollSummary;
            });
            for (var i = 0; i < total; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / rate);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed);
                }

                // The contact exists in Dataverse, as every contact a webhook is about does (a redelivered message re-reads it).
                var contact = Guid.NewGuid();
                dataverse.Rows.Add("contacts", new System.Text.Json.Nodes.JsonObject { ["contactid"] = contact.ToString("D") }, contact);
                sends.Add(Task.Run(async () =>
                {
                    try
                    {
                        using var response = await http.PostAsync("/api/dataverse-webhook", new StringContent(ContactUpdate(contact, "Create", 1), Encoding.UTF8, "application/json"));
                        if (response.StatusCode == HttpStatusCode.Accepted)
                        {
                            accepted.Add(contact);
                            return;
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                        // The process is down: Dataverse would retry, but the event was not accepted.
                    }

                    Interlocked.Increment(ref refused);
                }));
            }

            await Task.WhenAll(sends);
            await killer;

            // Every accepted contact must get its row; a few more may be stored than the senders saw accepted (the process
            // died after storing a delivery but before its 202 reached the sender).
            var table = new TableServiceClient(azurite.ConnectionString).GetTableClient("crashpeople");
            var watch = Stopwatch.StartNew();
            HashSet<string> stored;
            while ((stored = await RowKeysAsync(table)).Count < accepted.Count && watch.Elapsed < TimeSpan.FromMinutes(3))
            {
                await Task.Delay(1000);
            }

            // Quiet time for redeliveries of messages the killed process held (their lease is 10 s).
            await Task.Delay(TimeSpan.FromSeconds(12));
            stored = await RowKeysAsync(table);
            var patches = dataverse.Rows.Updates.Where(u => u.Set == "contacts").GroupBy(u => u.Id).ToDictionary(g => g.Key, g => g.Count());
            var twice = patches.Count(p => p.Value > 1);
            var written = accepted.Count(c => patches.ContainsKey(c));
            var lost = accepted.Count(c => !stored.Contains(c.ToString("D")));
            var queued = (await new Azure.Storage.Queues.QueueClient(azurite.ConnectionString, "crash-inbox").GetPropertiesAsync()).Value.ApproximateMessagesCount;
            var output = app.Output;
            await app.DisposeAsync();

            var report = new StringBuilder()
                .AppendLine(CultureInfo.InvariantCulture, $"Crash: {total} new contacts offered at {rate}/s to the standalone host as its own process; killed after {seconds / 2.0:N1} s and restarted ({(healthy ? $"{restartedAfter.TotalMilliseconds:N0} ms to healthy" : "not healthy within 60 s")}, {down.TotalSeconds:N1} s down)")
                .AppendLine(CultureInfo.InvariantCulture, $"  accepted {accepted.Count}, refused while down {refused}; snapshots stored {stored.Count} (all accepted ones but {lost}: lost {lost}); accepted ones written back {written}, applied twice {twice}")
                .AppendLine(CultureInfo.InvariantCulture, $"  health polls before the restarted app answered healthy: {(polls.Length == 0 ? "none" : polls)}");
            if (lost > 0)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"  {queued} inbox messages still queued; the restarted app printed:").AppendLine(output.Length > 4000 ? output[^4000..] : output);
            }

            return (report.ToString(), healthy && lost == 0 && twice == 0 && written == accepted.Count);
        }
        finally
        {
            if (killer is not null)
            {
                try
                {
                    await killer;
                }
                catch (Exception)
                {
                    // Its failure is the phase's exception, already on its way out.
                }
            }

            await app.DisposeAsync();
        }
    }

    private static async Task<HashSet<string>> RowKeysAsync(TableClient table)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(select: ["RowKey"]))
            {
                keys.Add(row.RowKey);
            }
        }
        catch (Azure.RequestFailedException)
        {
            // Not created yet.
        }

        return keys;
    }
}
