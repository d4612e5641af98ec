using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CrmPersonCentric.Benchmarks;

/// <summary>
/// Few, long iterations (each operation takes 0.05–30 s), pinned to one core so the figures mean "one core",
/// with contacts per second and allocated bytes per contact next to BenchmarkDotNet's ratio column.
/// <para>
/// Two jobs, each with its own baseline row. <b>Tiered</b>: the runtime as it comes. On one pinned core the runtime
/// waits ten times longer before it starts promoting code (a process pinned to one core counts as a
/// single-processor machine), so in this benchmark's
/// few calls the engine's code that is not marked to be optimised at its first call (all but the per-contact and
/// per-point methods) runs as first-tier code: after ten evaluations of 100,000 contacts, of the 914 engine methods
/// the JIT compiled, 796 were still at tier 0 and none had been promoted to tier 1 (docs/benchmarks.md, ninth
/// measurement, "Why two jobs"). <b>Optimised</b>: <c>DOTNET_TieredCompilation=0</c> and <c>DOTNET_ReadyToRun=0</c>, every method, ours
/// and the framework's, compiled optimised at its first call (without the dynamic profile-guided optimisation a
/// long-running tiered process would add) — the speed of the code once compiled, which a benchmark is normally
/// meant to show. Without the second setting the framework's precompiled code is never replaced, and the LINQ baseline,
/// which lives in it, ran 1.8× slower (18.1 s against 10.2 s at 100,000 contacts). The Functions package
/// (ReadyToRun) runs between the two: its own code precompiled optimised, the framework's generic code over its types
/// first-tier at first (measured with `-- calls` from a ReadyToRun publish, docs/benchmarks.md).
/// </para>
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        var job = Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithAffinity(1);
        AddJob(job.WithId("Tiered"));
        AddJob(job.WithEnvironmentVariables(
            new EnvironmentVariable("DOTNET_TieredCompilation", "0"),
            new EnvironmentVariable("DOTNET_ReadyToRun", "0")).WithId("Optimised"));
        AddColumn(new PerContactColumn("Contacts/s", (contacts, report) => contacts / (report.ResultStatistics!.Mean / 1e9), "N0"));
        AddColumn(new PerContactColumn("Alloc B/contact", (contacts, report) => report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) / (double)contacts, "N1"));
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }

    private sealed class PerContactColumn(string name, Func<int, BenchmarkReport, double?> value, string format) : IColumn
    {
        public string Id => nameof(PerContactColumn) + name;

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => name == "Contacts/s" ? "Contacts evaluated per second (mean)" : "Bytes allocated per contact per evaluation";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            if (report?.ResultStatistics is null)
            {
                return "-";
            }

            var contacts = (int)benchmarkCase.Parameters["Contacts"];
            return value(contacts, report)?.ToString(format, System.Globalization.CultureInfo.InvariantCulture) ?? "-";
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
