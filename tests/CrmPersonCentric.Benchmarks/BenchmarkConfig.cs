using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Environments;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CrmPersonCentric.Benchmarks;

/// <summary>
/// Few, long iterations (each operation takes 0.1–30 s), pinned to one core so the figures mean "one core",
/// with contacts per second and allocated bytes per contact next to BenchmarkDotNet's ratio column.
/// <para>
/// Two jobs, each with its own baseline. <b>Tiered</b>: the runtime as it comes. On one pinned core the runtime
/// waits ten times longer before it starts promoting code (a single-processor machine to it), so the few calls of
/// this benchmark run most of the engine as first-tier code: after ten evaluations of 100,000 contacts none of the
/// engine's ≈ 900 methods had reached tier 1 (the JIT's own log, docs/benchmarks.md). <b>Optimised</b>:
/// <c>DOTNET_TieredCompilation=0</c> and <c>DOTNET_ReadyToRun=0</c>, every method, ours and the framework's,
/// compiled optimised at its first call — the speed of the code itself, which BenchmarkDotNet's steady state is meant
/// to show. (Without the second setting the framework's precompiled code is never replaced, and the LINQ baseline,
/// which lives in it, ran 1.8× slower: 18.0 s against 10.2 s at 100,000 contacts.) The Functions package (ReadyToRun) runs between
/// the two: its own code precompiled optimised, the framework's generic code over its types still first-tier at
/// first (measured with `-- calls` from a ReadyToRun publish, docs/benchmarks.md).
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
