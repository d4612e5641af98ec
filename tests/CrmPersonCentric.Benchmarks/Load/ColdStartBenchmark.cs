using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CrmPersonCentric.Functions.Tests;

namespace CrmPersonCentric.Benchmarks.Load;

/// <summary>
/// Cold start of the published executable, as the Functions host starts it (FUNCTIONS_CUSTOMHANDLER_PORT set): time
/// from process start to the first 200 from /api/health (which touches storage), and resident memory after 2 s idle.
/// Publishes the package first unless a publish folder is given.
/// </summary>
public static class ColdStartBenchmark
{
    public static async Task<int> RunAsync(string? publishDirectory, int runs = 5)
    {
        publishDirectory ??= Publish();
        var executable = Path.Combine(publishDirectory, "cpc-functions");
        await using var azurite = await Azurite.StartNewAsync();
        var times = new List<double>();
        var memory = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var port = FreePort();
            var start = new ProcessStartInfo(executable)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = publishDirectory,
                Environment =
                {
                    ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture),
                    ["Storage__ConnectionString"] = azurite.ConnectionString,
                    ["Dataverse__EnvironmentUrl"] = "https://contoso.crm.dynamics.com",
                    ["Logging__LogLevel__Default"] = "Warning",
                },
            };
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
            memory.Add(ResidentMegabytes(process.Id));
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Cold start to first 200 from /api/health over {runs} runs: min {times.Min():N0} ms, median {Median(times):N0} ms, max {times.Max():N0} ms (target < 300 ms)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Resident memory after 2 s idle: median {Median(memory):N1} MB, max {memory.Max():N1} MB (target < 100 MB)"));
        return 0;
    }

    private static string Publish()
    {
        var root = Azurite.RepositoryRoot();
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
