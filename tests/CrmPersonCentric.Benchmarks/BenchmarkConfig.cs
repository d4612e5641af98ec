using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CrmPersonCentric.Benchmarks;

/// <summary>
/// Few, long iterations (each operation takes 0.1–30 s), pinned to one core so the figures mean "one core",
/// with contacts per second and allocated bytes per contact next to BenchmarkDotNet's ratio column.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithAffinity(1));
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
