using System.Globalization;

namespace CrmPersonCentric.Benchmarks.Load;

/// <summary>
/// Start-up of the published app: the Functions deployment package (ReadyToRun, linux-x64) run in standalone mode,
/// timed from process start to the first 200 from /api/health (which reads storage), and its resident memory after 2 s
/// idle. The baseline, measured in the same run the same way, is a plain ASP.NET Core app with one health endpoint
/// (tests/CrmPersonCentric.Benchmarks.PlainApp) published with the same settings. (Under the Functions host the host
/// itself starts first; its start-up is Azure's and not measurable here.)
/// </summary>
public static class ColdStartBenchmark
{
    public static async Task<int> RunAsync(int runs = 5)
    {
        var app = await PublishAsync("functions/hosts/CrmPersonCentric.Functions", "cpc-coldstart-app");
        var plain = await PublishAsync("tests/CrmPersonCentric.Benchmarks.PlainApp", "cpc-coldstart-plain");
        await using var azurite = await Azurite.StartNewAsync();
        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Dataverse__EnvironmentUrl"] = "https://contoso.crm.dynamics.com",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var baseline = await MeasureAsync(Path.Combine(plain, "CrmPersonCentric.Benchmarks.PlainApp.dll"), environment, runs);
        var package = await MeasureAsync(Path.Combine(app, "CrmPersonCentric.Functions.dll"), environment, runs);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Start to first 200 from /api/health over {runs} runs (median, min–max), both published ReadyToRun for linux-x64:"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  plain ASP.NET Core app (baseline): {Median(baseline.Times):N0} ms ({baseline.Times.Min():N0}–{baseline.Times.Max():N0}), {Median(baseline.Memory):N1} MB resident after 2 s idle"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Functions package, standalone:    {Median(package.Times):N0} ms ({package.Times.Min():N0}–{package.Times.Max():N0}), {Median(package.Memory):N1} MB resident after 2 s idle"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio package/baseline: start {Median(package.Times) / Median(baseline.Times):N2}, memory {Median(package.Memory) / Median(baseline.Memory):N2}"));
        return 0;
    }

    private static async Task<(List<double> Times, List<double> Memory)> MeasureAsync(string assembly, IReadOnlyDictionary<string, string> environment, int runs)
    {
        var times = new List<double>();
        var memory = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            await using var process = AppProcess.Start(assembly, environment);
            times.Add((await process.WaitHealthyAsync(TimeSpan.FromSeconds(60))).TotalMilliseconds);
            await Task.Delay(2000);
            memory.Add(process.ResidentBytes() / 1024.0 / 1024.0);
        }

        return (times, memory);
    }

    private static async Task<string> PublishAsync(string project, string folder)
    {
        var output = Path.Combine(Path.GetTempPath(), folder);
        var result = await ProcessRunner.RunAsync("dotnet", $"publish {project} -c Release -r linux-x64 -o \"{output}\"", TimeSpan.FromMinutes(15));
        return result.ExitCode == 0 ? output : throw new InvalidOperationException($"dotnet publish {project} failed:{Environment.NewLine}{result.Output}{result.Error}");
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
