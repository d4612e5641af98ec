using System.Diagnostics;
using System.Globalization;
using CrmPersonCentric.Import;

namespace CrmPersonCentric.Benchmarks;

/// <summary>
/// `-- read DIR [N]`: reads a data directory (what `cpc evaluate --data` reads before it evaluates) N times in this
/// process and prints each read's time, GC pause time and collections, so a change to the reader can be compared
/// alternating builds. Make a large directory with `cpc sample --out big --scale 90`.
/// </summary>
public static class ReadBenchmark
{
    public static int Run(string directory, int reads)
    {
        for (var i = 0; i < reads; i++)
        {
            var pause = GC.GetTotalPauseDuration();
            var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var stopwatch = Stopwatch.StartNew();
            var data = OrgDataReader.Read(directory);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"read {stopwatch.Elapsed.TotalMilliseconds:N0} ms, GC pauses {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:N0} ms, collections gen0 {GC.CollectionCount(0) - gen0} gen1 {GC.CollectionCount(1) - gen1} gen2 {GC.CollectionCount(2) - gen2}; {data.Profiles.Length:N0} contacts, {data.Signals.Length:N0} signals"));
            data = null;
            GC.Collect();
        }

        return 0;
    }
}
