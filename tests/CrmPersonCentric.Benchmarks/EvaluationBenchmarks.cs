using BenchmarkDotNet.Attributes;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Import;
using CrmPersonCentric.Import.Sample;

namespace CrmPersonCentric.Benchmarks;

/// <summary>
/// A full drift evaluation (all dimensions, behaviours, fit, ICP, messaging depth, split detection, BH) on
/// generated organisations with planted drift, against the LINQ/strings baseline in the same run.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchmarkConfig))]
public class EvaluationBenchmarks
{
    /// <summary>People per unit of <see cref="SampleOptions.Scale"/> in the sample blueprints.</summary>
    private const double PeoplePerScale = 3300;

    private OrgData _data = null!;
    private CompactPopulation _population = null!;
    private readonly DriftEngine _engine = new();

    [Params(100_000, 1_000_000)]
    public int Contacts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = SampleOrganisation.Generate(new SampleOptions { Scale = Contacts / PeoplePerScale, UntaggedPeople = 0 });
        _population = PopulationBuilder.Build(_data.Personas, _data.Profiles, _data.Signals, _data.ExportedOn!.Value);
    }

    [Benchmark(Baseline = true, Description = "LINQ/strings baseline")]
    public int Baseline() => LinqBaseline.Evaluate(_data.Personas, _data.Profiles, _data.Signals, _data.ExportedOn!.Value);

    [Benchmark(Description = "Engine (compact population)")]
    public int Engine() => _engine.Evaluate(_population, _data.Rules).Findings.Length;

    [Benchmark(Description = "Build population + engine")]
    public int BuildAndEngine() =>
        _engine.Evaluate(PopulationBuilder.Build(_data.Personas, _data.Profiles, _data.Signals, _data.ExportedOn!.Value), _data.Rules).Findings.Length;
}
