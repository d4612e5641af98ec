using System.Diagnostics;
using System.Globalization;
using System.Text;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Import.Sample;
using CrmPersonCentric.Lake;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Benchmarks.Load;

/// <summary>
/// Evaluation from a lake export (`-- lake [contacts ...]`): per size, the sample organisation scaled to that many
/// contacts is written once as a Delta export (Parquet, the sample's ≈ 3.5 signals per contact), then, in the same run,
/// (past a million: the generated million copied with new ids, <see cref="LakeExportWriter.Replicate"/>) DuckDB's own raw scan of the same files (every column of every table read: a hash summed per column) is the baseline,
/// and lake → findings (<see cref="LakeSource"/> reading personas, contacts joined to accounts, signals grouped per
/// contact, the population built, <see cref="DriftEngine"/> evaluating) is timed against it: median of 3 after a warm-up.
/// A second baseline is DuckDB executing the reader's statements (<see cref="ReaderQueries"/>), taken from DuckDB's
/// query log and run again with their results discarded inside DuckDB — a lower bound of DuckDB's share of the run (the
/// positions appended from .NET and the results handed over are not in it), after the runs (median of 3 after a warm-up).
/// </summary>
public static class LakeBenchmark
{
    private const int Repeats = 3;

    /// <summary>The most contacts the sample generator writes itself.</summary>
    private const int Generated = 1_000_000;

    public static async Task<int> RunAsync(IReadOnlyList<int> sizes)
    {
        var report = new StringBuilder();
        report.AppendLine("| Contacts | Signals | Export on disk | Raw DuckDB scan | DuckDB, the reader's queries | Lake → findings | Ratio to the scan | Ratio to the reader's queries | Peak working set |");
        report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var size in sizes)
        {
            report.AppendLine(await RunSizeAsync(size));
        }

        Console.WriteLine(report);
        return 0;
    }

    private static async Task<string> RunSizeAsync(int size)
    {
        var folder = Directory.CreateTempSubdirectory("cpc-lake-bench-").FullName;
        try
        {
            // Past a million, the sample generator's million is written once and copied (ids rewritten per copy) by
            // LakeExportWriter.Replicate: the generator holds its organisation in memory, the copy does not.
            var copies = (int)Math.Ceiling(size / (double)Generated);
            var scale = Math.Min(size, Generated) / (double)SampleOrganisation.Generate(new SampleOptions { IncludeSignals = false }).Profiles.Length;
            var data = SampleOrganisation.Generate(new SampleOptions { Scale = scale });
            var signals = (long)data.Signals.Length * copies;
            var contacts = (long)data.Profiles.Length * copies;
            var asOf = data.ExportedOn!.Value;
            var rules = data.Rules;
            var writing = Stopwatch.StartNew();
            var written = copies == 1 ? folder : Directory.CreateTempSubdirectory("cpc-lake-base-").FullName;
            LakeExportWriter.Write(written, LakeLayout.Delta, data.Personas, data.Profiles, data.Signals);
            data = null;
            if (copies > 1)
            {
                LakeExportWriter.Replicate(written, folder, copies);
                Directory.Delete(written, recursive: true);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{contacts:N0} contacts, {signals:N0} signals written as Delta in {writing.Elapsed.TotalSeconds:0.0} s"));
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var bytes = Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

            double Scan()
            {
                using var lake = DataverseLake.Open(folder);
                var watch = Stopwatch.StartNew();
                foreach (var table in new[] { "cpc_persona", "systemuser", "account", "contact", "cpc_behavioursignal" })
                {
                    Execute(lake, $"select sum(hash(columns(*))) from {lake.Relation(table)}");
                }

                return watch.Elapsed.TotalMilliseconds;
            }

            async Task<double> Evaluate()
            {
                using var lake = DataverseLake.Open(folder);
                var watch = Stopwatch.StartNew();
                var source = new LakeSource(lake, TraitNormalizer.Default);
                var personas = await source.ActivePersonasAsync();
                var read = watch.Elapsed.TotalMilliseconds;
                var contactsRead = 0.0;
                var population = await source.ReadAsync(personas, asOf, new SynchronousProgress<double>(f => contactsRead = f < 1 ? watch.Elapsed.TotalMilliseconds : contactsRead));
                var built = watch.Elapsed.TotalMilliseconds;
                var evaluation = new DriftEngine().Evaluate(population, rules);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  personas {read:N0} ms, contacts {contactsRead - read:N0} ms, signals {built - contactsRead:N0} ms, engine {watch.Elapsed.TotalMilliseconds - built:N0} ms"));
                if (evaluation.Personas.Length != personas.Length)
                {
                    throw new InvalidOperationException("The evaluation lost personas.");
                }

                return watch.Elapsed.TotalMilliseconds;
            }

            Scan();
            await Evaluate();
            var scans = new List<double>();
            var runs = new List<double>();
            for (var i = 0; i < Repeats; i++)
            {
                scans.Add(Scan());
                runs.Add(await Evaluate());
            }

            // The peak before the replays, whose connection holds a second copy of the positions table.
            var peak = Process.GetCurrentProcess().PeakWorkingSet64;
            var owns = new List<double>();
            using (var logged = DataverseLake.Open(folder))
            {
                var statements = await ReaderQueries(logged, asOf);
                Replay(logged, statements);
                for (var i = 0; i < Repeats; i++)
                {
                    owns.Add(Replay(logged, statements));
                }
            }

            static double MedianOf(List<double> times) => times.Order().ElementAt(Repeats / 2);
            static string Median(List<double> times) => string.Create(CultureInfo.InvariantCulture,
                $"{MedianOf(times):N0} ms ({string.Join(", ", times.Select(t => t.ToString("N0", CultureInfo.InvariantCulture)))})");
            var scan = MedianOf(scans);
            var own = MedianOf(owns);
            var run = MedianOf(runs);
            return string.Create(CultureInfo.InvariantCulture,
                $"| {contacts:N0} | {signals:N0} | {bytes / 1048576.0:N0} MiB | {Median(scans)} | {Median(owns)} ({own / scan:0.00}× the scan) | {Median(runs)} | {run / scan:0.00} | {run / own:0.00} | {peak / 1073741824.0:0.0} GiB |");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// The statements <see cref="LakeSource"/> sends for one read, from DuckDB's own query log (so the baseline follows
    /// the reader as it changes): the schema lookups, the current-state checks, the contact and signal queries. Left
    /// out: what carries .NET's data in (the positions table's creation and the appender's inserts, which the replay
    /// keeps as the read left them). The read runs on <paramref name="lake"/>, whose positions table the signals'
    /// query joins to.
    /// </summary>
    private static async Task<List<string>> ReaderQueries(DataverseLake lake, DateTimeOffset asOf)
    {
        Execute(lake, "call enable_logging('QueryLog')");
        var source = new LakeSource(lake, TraitNormalizer.Default);
        await source.ReadAsync(await source.ActivePersonasAsync(), asOf);
        Execute(lake, "call disable_logging()");
        var statements = new List<string>();
        using (var command = lake.Connection.CreateCommand())
        {
            command.CommandText = "select message from duckdb_logs where type = 'QueryLog' order by timestamp";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                statements.Add(reader.GetString(0));
            }
        }

        var kept = statements.Where(q => q.StartsWith("select ", StringComparison.OrdinalIgnoreCase)
            || q.StartsWith("describe ", StringComparison.OrdinalIgnoreCase)
            || q.StartsWith("create or replace temp table ", StringComparison.OrdinalIgnoreCase)).ToList();
        if (!kept.Any(q => q.Contains(" join cpc_positions ", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("DuckDB's query log did not hold the signals' query: the baseline would leave it out.");
        }

        return kept;
    }

    /// <summary>
    /// Runs the reader's statements again, each to its end inside DuckDB: a query as <c>explain analyze</c> (executed in
    /// full, its rows not handed to .NET), the others as they are. Returns the milliseconds.
    /// </summary>
    private static double Replay(DataverseLake lake, List<string> statements)
    {
        var watch = Stopwatch.StartNew();
        foreach (var statement in statements)
        {
            Execute(lake, statement.StartsWith("select ", StringComparison.OrdinalIgnoreCase) ? "explain analyze " + statement : statement);
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    private static void Execute(DataverseLake lake, string sql)
    {
        using var command = lake.Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
        }
    }
}
