using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using CrmPersonCentric.Application.Evaluation;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.WebApi;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Functions;
using CrmPersonCentric.Import.Sample;
using CrmPersonCentric.Model;
using CrmPersonCentric.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmPersonCentric.Benchmarks.Load;

/// <summary>
/// The scheduled evaluation from storage, end to end (people rows and behaviour summaries read by bucket, the engine,
/// findings, suggestions and worklists written to a Dataverse stand-in, run history), on real Azurite seeded with N
/// tagged contacts and two years of signals at the sample's rates; against, in the same run, a raw parallel scan of the
/// same people table, and a raw scan of both tables the evaluation reads (people and behaviour summaries, each bucket's
/// two read side by side, as the evaluation reads them): the floor of any reader of this layout. Then the signal history is doubled (four years) and the evaluation timed again. Also: the old
/// path's signal-table scan for comparison, and the population-build step's time and allocation per contact.
/// </summary>
public static class StorageEvaluationBenchmark
{
    private const double PeoplePerScale = 3300;
    private const int Repetitions = 3;
    private const int OldPathLimit = 30_000;

    public static async Task<int> RunAsync(IReadOnlyList<int> sizes)
    {
        await using var azurite = await Azurite.StartNewAsync();
        var report = new StringBuilder();
        foreach (var size in sizes)
        {
            report.Append(await RunSizeAsync(azurite, size));
        }

        Console.WriteLine(report);
        return 0;
    }

    private static async Task<string> RunSizeAsync(Azurite azurite, int size)
    {
        var now = DateTimeOffset.UtcNow;
        var data = SampleOrganisation.Generate(new SampleOptions { Scale = size / PeoplePerScale, UntaggedPeople = 0, ExportedOn = now });
        var personaIds = data.Personas.ToDictionary(p => p.Id, _ => Guid.NewGuid().ToString("D"));
        var profiles = data.Profiles.Select(p => p with { ContactId = Guid.NewGuid().ToString("D"), PersonaId = personaIds[p.PersonaId!] }).ToList();
        var contactOf = data.Profiles.Select((p, i) => (p.ContactId, profiles[i].ContactId)).ToDictionary(p => p.Item1, p => p.Item2);
        var oneYear = data.Signals.Where(s => s.OccurredOn <= now && s.OccurredOn > now.AddDays(-365)).Select(s => s with { ContactId = contactOf[s.ContactId] }).ToList();
        List<BehaviourSignal> History(int years) =>
            [.. Enumerable.Range(0, years).SelectMany(y => oneYear.Select(s => s with { Id = s.Id + "-y" + y, OccurredOn = Whole(s.OccurredOn.AddDays(-365 * y)) }))];

        var dataverse = new FakeDataverse();
        foreach (var persona in data.Personas)
        {
            var id = personaIds[persona.Id];
            var row = PersonaRowMapper.ToColumns(persona with { Id = id });
            row["cpc_personaid"] = id;
            row["_ownerid_value"] = Guid.NewGuid().ToString("D");
            dataverse.Add("cpc_personas", row, Guid.Parse(id));
        }

        var personas = data.Personas.Select(p => p with { Id = personaIds[p.Id] }).ToList();
        var compareOldPath = SeedSignalRows(size);
        var twoYears = History(2);
        var fourYears = History(4);

        // Each history length gets freshly seeded tables (inserts only), so the two are measured on comparable storage.
        var two = await MeasureAsync(azurite, dataverse, size, 2, profiles, twoYears, compareOldPath, now, personas);
        var four = await MeasureAsync(azurite, dataverse, size, 4, profiles, fourYears, compareOldPath, now, null);
        var (scan, rows, endToEnd, oldSignalScan, oldSignals, build, seeded, bothScan) = two;
        var doubled = four.EndToEnd;
        var (oldSignalScanDoubled, oldSignalsDoubled) = (four.OldSignalScan, four.OldSignals);

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## {size:N0} tagged contacts ({rows:N0} people rows; {twoYears.Count:N0} signals for two years, {fourYears.Count:N0} for four{(compareOldPath ? ", also as signal rows" : ", in the summaries only")}; seeded in {seeded.TotalSeconds:N0} s)")
            .AppendLine(CultureInfo.InvariantCulture, $"Raw parallel scan of the people table (baseline, {Repetitions} runs, median): {scan.TotalMilliseconds:N0} ms")
            .AppendLine(CultureInfo.InvariantCulture, $"Raw parallel scan of both tables the evaluation reads (people and behaviour summaries, each bucket's two side by side): {bothScan.TotalMilliseconds:N0} ms = {bothScan / scan:N2} x the people scan")
            .AppendLine(CultureInfo.InvariantCulture, $"Scheduled evaluation end to end, two years of signals: {endToEnd.TotalMilliseconds:N0} ms = {endToEnd / scan:N2} x the raw scan (target <= 1.5), {endToEnd / bothScan:N2} x the scan of both tables")
            .AppendLine(CultureInfo.InvariantCulture, $"Same, four years of signals: {doubled.TotalMilliseconds:N0} ms = {(doubled / endToEnd) - 1:P1} change (target < 10 %); its own raw scan {four.Scan.TotalMilliseconds:N0} ms, ratio {doubled / four.Scan:N2}")
            .AppendLine(CultureInfo.InvariantCulture, $"Population build from rows in memory: {build.Elapsed.TotalMilliseconds:N0} ms, {build.BytesPerContact:N0} B allocated per contact (target < 300)")
            .AppendLine(compareOldPath
                ? string.Create(CultureInfo.InvariantCulture, $"For comparison, the old path's signal query (OccurredOn ge as-of - 180 d, a scan of the whole signal table): {oldSignalScan.TotalMilliseconds:N0} ms for {oldSignals:N0} signals with two years kept, {oldSignalScanDoubled.TotalMilliseconds:N0} ms for {oldSignalsDoubled:N0} with four")
                : string.Create(CultureInfo.InvariantCulture, $"(The old path's signal scan is measured up to {OldPathLimit:N0} contacts.)"))
            .AppendLine();
        Console.WriteLine(text);
        return text.ToString();
    }

    /// <summary>
    /// Azurite keeps tables in one Node.js process (LokiJS): millions of signal rows take it tens of minutes to insert
    /// and the old path's scan of them minutes more. The evaluation never reads them (that is the point), so above
    /// <see cref="OldPathLimit"/> contacts only the summaries carry the history.
    /// </summary>
    private static bool SeedSignalRows(int size) => size <= OldPathLimit;

    private static void Progress(int size, string step, Stopwatch since) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{size:N0}] {step} after {since.Elapsed.TotalSeconds:N0} s"));

    private sealed record Measured(TimeSpan Scan, long Rows, TimeSpan EndToEnd, TimeSpan OldSignalScan, long OldSignals, (TimeSpan Elapsed, double BytesPerContact) Build, TimeSpan Seeded, TimeSpan BothScan);

    private static async Task<Measured> MeasureAsync(
        Azurite azurite, FakeDataverse dataverse, int size, int years, List<PersonProfile> profiles, List<BehaviourSignal> signals, bool signalRows, DateTimeOffset now, List<Persona>? buildFor)
    {
        var prefix = "ev" + size.ToString(CultureInfo.InvariantCulture) + "y" + years.ToString(CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string?>
        {
            [FunctionSettings.Storage] = azurite.ConnectionString,
            [FunctionSettings.InboxQueueName] = prefix + "-inbox",
            ["Storage:TablePrefix"] = prefix,
            ["Dataverse:EnvironmentUrl"] = "https://contoso.crm.dynamics.com",
            ["Reports:LocalFolder"] = Path.Combine(Path.GetTempPath(), prefix),
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddConsole());
        services.AddMetrics();
        services.AddCrmPersonCentricBackend(configuration, FunctionsBuild.Directory);
        services.AddSingleton<IDataverseClient>(dataverse);
        services.AddSingleton(Functions.HostName.Standalone);
        await using var provider = services.BuildServiceProvider();
        var storage = provider.GetRequiredService<StorageClients>();
        await storage.EnsureCreatedAsync();

        var seed = Stopwatch.StartNew();
        await SeedPeopleAsync(storage, profiles);
        Progress(size, $"{years} y: people rows seeded", seed);
        if (signalRows)
        {
            await SeedSignalsAsync(storage, signals);
            Progress(size, $"{years} y: {signals.Count:N0} signal rows seeded", seed);
        }

        await SeedSummariesAsync(storage, signals);
        var seeded = seed.Elapsed;
        Progress(size, $"{years} y: summaries seeded", seed);

        var (scan, rows) = await MedianAsync(() => ScanAsync(storage, both: false));
        var (bothScan, _) = await MedianAsync(() => ScanAsync(storage, both: true));
        var (endToEnd, _) = await MedianAsync(() => EvaluateAsync(provider));
        var (oldSignalScan, oldSignals) = signalRows ? await OnceAsync(() => CountSignalsAsync(provider.GetRequiredService<SignalStore>(), now.AddDays(-180))) : default;
        var build = buildFor is null ? default : await BuildStepAsync(storage, buildFor, now);
        Progress(size, $"{years} y: measured", seed);

        // Free Azurite's memory for the next storage.
        foreach (var table in TableNames.All)
        {
            await storage.Table(table).DeleteAsync();
        }

        return new Measured(scan, rows, endToEnd, oldSignalScan, oldSignals, build, seeded, bothScan);
    }

    private static DateTimeOffset Whole(DateTimeOffset moment) => new(moment.Ticks - (moment.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static async Task<(TimeSpan Elapsed, long Result)> MedianAsync(Func<Task<long>> run)
    {
        await run(); // warm-up: the first evaluation also creates the findings it later refreshes
        var results = new List<(TimeSpan Elapsed, long Result)>();
        for (var i = 0; i < Repetitions; i++)
        {
            results.Add(await OnceAsync(run));
        }

        return results.OrderBy(r => r.Elapsed).ElementAt(Repetitions / 2);
    }

    private static async Task<(TimeSpan Elapsed, long Result)> OnceAsync(Func<Task<long>> run)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = await run();
        return (stopwatch.Elapsed, result);
    }

    /// <summary>
    /// The baseline: every people row, all columns, the 64 buckets read with the evaluation's default parallelism; with
    /// <paramref name="both"/>, each bucket's behaviour summaries read beside it too (all columns).
    /// </summary>
    private static async Task<long> ScanAsync(StorageClients storage, bool both)
    {
        long rows = 0;
        var buckets = Enumerable.Range(0, PeopleStore.Buckets).Select(b => b.ToString("X2", CultureInfo.InvariantCulture));
        async Task<long> Count(string table, string bucket, CancellationToken ct)
        {
            long count = 0;
            await foreach (var _ in storage.Table(table).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {bucket}"), cancellationToken: ct))
            {
                count++;
            }

            return count;
        }

        await Parallel.ForEachAsync(buckets, new ParallelOptions { MaxDegreeOfParallelism = new StorageOptions().EvaluationReadParallelism }, async (bucket, ct) =>
        {
            var summaries = both ? Count(TableNames.Behaviour, bucket, ct) : Task.FromResult(0L);
            Interlocked.Add(ref rows, await Count(TableNames.People, bucket, ct) + await summaries);
        });
        return rows;
    }

    private static async Task<long> EvaluateAsync(IServiceProvider provider)
    {
        await using var scope = provider.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<EvaluateDrift>().RunAsync("benchmark");
        return result.Outcome == "completed" ? result.Contacts : throw new InvalidOperationException(result.Outcome);
    }

    private static async Task<long> CountSignalsAsync(SignalStore signals, DateTimeOffset since)
    {
        long count = 0;
        await foreach (var _ in signals.SignalsSinceAsync(since))
        {
            count++;
        }

        return count;
    }

    /// <summary>The rows read into memory first, then only the builder timed and its allocation counted.</summary>
    private static async Task<(TimeSpan Elapsed, double BytesPerContact)> BuildStepAsync(StorageClients storage, List<Persona> personas, DateTimeOffset asOf)
    {
        var buckets = new List<(List<TableEntity> Rows, Dictionary<string, byte[]> Summaries)>();
        for (var b = 0; b < PeopleStore.Buckets; b++)
        {
            var bucket = b.ToString("X2", CultureInfo.InvariantCulture);
            var summaries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            await foreach (var row in storage.Table(TableNames.Behaviour).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {bucket}")))
            {
                summaries[row.RowKey] = row.GetBinary("Summary");
            }

            var rows = new List<TableEntity>();
            await foreach (var row in storage.Table(TableNames.People).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {bucket}"), select: PeopleStore.EvaluationColumns))
            {
                rows.Add(row);
            }

            buckets.Add((rows, summaries));
        }

        GC.Collect();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        var builder = new PopulationBuilder(personas, asOf);
        for (var b = 0; b < buckets.Count; b++)
        {
            PopulationReader.Add(builder, buckets[b].Rows, buckets[b].Summaries); // as the reader adds a bucket, and reserves after the first
            if (b == 0)
            {
                PopulationReader.Reserve(builder, PeopleStore.Buckets);
            }
        }

        var population = builder.Build();
        stopwatch.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return (stopwatch.Elapsed, (double)allocated / Math.Max(1, population.Count));
    }

    private static async Task SeedPeopleAsync(StorageClients storage, List<PersonProfile> profiles)
    {
        var rows = profiles.Select(p => PeopleStore.ToEntity(new PersonSnapshot(p, null, "1", p.ProfileUpdatedOn)));
        await WriteBatchesAsync(storage.Table(TableNames.People), rows);
    }

    private static async Task SeedSignalsAsync(StorageClients storage, List<BehaviourSignal> signals) =>
        await WriteBatchesAsync(storage.Table(TableNames.Signals), signals.Select(SignalStore.ToEntity));

    /// <summary>What <see cref="SignalStore.RefreshSummaryAsync"/> writes per contact, written in bulk.</summary>
    private static async Task SeedSummariesAsync(StorageClients storage, List<BehaviourSignal> signals)
    {
        var now = DateTimeOffset.UtcNow;
        await WriteBatchesAsync(storage.Table(TableNames.Behaviour), signals.GroupBy(s => s.ContactId).Select(g => SignalStore.SummaryEntity(g.Key, [.. g], now)));
        await storage.Table(TableNames.Behaviour).UpsertEntityAsync(new TableEntity(SignalStore.MarkerPartition, SignalStore.MarkerRow) { ["BuiltOn"] = now });
    }

    private static async Task WriteBatchesAsync(TableClient table, IEnumerable<TableEntity> rows)
    {
        var batches = new ConcurrentQueue<TableEntity[]>(rows.GroupBy(r => r.PartitionKey).SelectMany(g => g.Chunk(100)));
        await Parallel.ForEachAsync(Enumerable.Range(0, 16), async (_, ct) =>
        {
            while (batches.TryDequeue(out var batch))
            {
                await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), ct);
            }
        });
    }
}
