using System.Diagnostics;
using System.Globalization;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Import.Sample;

namespace CrmPersonCentric.Benchmarks;

/// <summary>
/// `-- calls [CONTACTS] [N] [build]`: N evaluations (or population builds) one after the other in this process, each
/// call's time printed, then the collections and GC pauses of all of them. The product evaluates once per process
/// (cpc) or once an hour (the backend), so the first calls of a process are what it runs; BenchmarkDotNet's six calls
/// per case show only part of that. Pin it to one core as BenchmarkDotNet does (`taskset -c 0 dotnet run ...`), and
/// alternate two builds to compare them.
/// </summary>
public static class CallsBenchmark
{
    public static int Run(int contacts, int calls, bool build)
    {
        var data = SampleOrganisation.Generate(new SampleOptions { Scale = contacts / 3300.0, UntaggedPeople = 0 });
        var population = PopulationBuilder.Build(data.Personas, data.Profiles, data.Signals, data.ExportedOn!.Value);
        var engine = new DriftEngine();
        var pause = GC.GetTotalPauseDuration();
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var times = new List<double>(calls);
        for (var i = 0; i < calls; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            if (build)
            {
                population = PopulationBuilder.Build(data.Personas, data.Profiles, data.Signals, data.ExportedOn!.Value);
            }
            else
            {
                engine.Evaluate(population, data.Rules);
            }

            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(build ? "builds" : "evaluations")} of {population.Count:N0} contacts, ms: {string.Join(", ", times.Select(t => t.ToString("N0", CultureInfo.InvariantCulture)))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"GC pauses {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds:N0} ms, collections gen0 {GC.CollectionCount(0) - gen0} gen1 {GC.CollectionCount(1) - gen1} gen2 {GC.CollectionCount(2) - gen2}"));
        return 0;
    }
}
