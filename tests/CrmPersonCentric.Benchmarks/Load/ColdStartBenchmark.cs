using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CrmPersonCentric.Benchmarks.Load;

/// <summary>
/// Cold start of the published executable, as the Functions host starts it (FUNCTIONS_CUSTOMHANDLER_PORT set): time
/// from process start to the first 200 from /api/health (which touches storage), and resident memory after 2 s idle.
/// Publishes the package first unless a publish folder is given. The baseline, measured in the same run the same way,
/// is the JIT build of the same code (framework-dependent `dotnet cpc-functions.dll`).
/// </summary>
public static class ColdStartBenchmark
{
    public static async Task<int> RunAsync(string? publishDirectory, int runs = 5)
    {
        publishDirectory ??= Publish();
        var jitDirectory = Path.Combine(RepositoryRoot.Path, "functions", "CrmPersonCentric.Functions", "bin", "Release", "net10.0");
        await using var azurite = await Azurite.StartNewAsync();
        var jit = await MeasureAsync(azurite, "dotnet", Path.Combine(jitDirectory, "cpc-functions.dll"), jitDirectory, runs);
        var aot = await MeasureAsync(azurite, Path.Combine(publishDirectory, "cpc-functions"), null, publishDirectory, runs);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Cold start to first 200 from /api/health over {runs} runs (median, min–max):"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  JIT build (baseline):  {Median(jit.Times):N0} ms ({jit.Times.Min():N0}–{jit.Times.Max():N0}), {Median(jit.Memory):N1} MB resident after 2 s idle"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  published package:     {Median(aot.Times):N0} ms ({aot.Times.Min():N0}–{aot.Times.Max():N0}), {Median(aot.Memory):N1} MB resident after 2 s idle"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio package/baseline: start {Median(aot.Times) / Median(jit.Times):N2}, memory {Median(aot.Memory) / Median(jit.Memory):N2} (targets: < 300 ms, < 100 MB)"));
        return Median(aot.Times) < 300 && Median(aot.Memory) < 100 ? 0 : 1;
    }

    private static async Task<(List<double> Times, List<double> Memory)> MeasureAsync(Azurite azurite, string file, string? argument, string directory, int runs)
    {
        var times = new List<double>();
        var memory = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var port = FreePort.Next();
            var start = new ProcessStartInfo(file)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = directory,
                Environment =
                {
                    ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture),
                    ["Storage__ConnectionString"] = azurite.ConnectionString,
                    ["Dataverse__EnvironmentUrl"] = "https://contoso.crm.dynamics.com",
                    ["Logging__LogLevel__Default"] = "Warning",
                },
            };
            if (argument is not null)
            {
                start.ArgumentList.Add(argument);
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            while (watch.Elapsed < TimeSpan.FromSeconds(30))
            {
                try
                {
                    using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/api/health"));
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(5);
                }
            }

            times.Add(watch.Elapsed.TotalMilliseconds);
            await Task.Delay(2000);
            memory.Add(process.HasExited ? double.NaN : ResidentMegabytes(process.Id));
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        return (times, memory);
    }

    private static string Publish()
    {
        var root = RepositoryRoot.Path;
        var output = Path.Combine(Path.GetTempPath(), "cpc-coldstart-publish");
        using var process = Process.Start(new ProcessStartInfo("dotnet", $"publish functions/CrmPersonCentric.Functions -c Release -r linux-x64 -o \"{output}\"") { WorkingDirectory = root, UseShellExecute = false })!;
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException("dotnet publish failed.");
    }

    private static double ResidentMegabytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kb = line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return kb / 1024;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

}
