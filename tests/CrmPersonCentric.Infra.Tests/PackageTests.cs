using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Text.Json;

namespace CrmPersonCentric.Infra.Tests;

/// <summary>The deployment package opened and checked against the layout the Functions host expects of a dotnet-isolated app.</summary>
public sealed class PackageTests(PublishedPackage package)
{
    [Fact]
    public void Publish_ProducesTheIsolatedWorkerPackage()
    {
        Assert.True(package.Result.ExitCode == 0, package.Result.Output + package.Result.Error);

        using var archive = ZipFile.OpenRead(package.Zip);
        var entries = archive.Entries.ToDictionary(e => e.FullName.Replace('\\', '/'));
        string Text(string name) => new StreamReader(entries[name].Open()).ReadToEnd();

        using var host = JsonDocument.Parse(Text("host.json"));
        Assert.False(host.RootElement.TryGetProperty("customHandler", out _));
        Assert.Equal("OpenTelemetry", host.RootElement.GetProperty("telemetryMode").GetString());

        using var worker = JsonDocument.Parse(Text("worker.config.json"));
        var description = worker.RootElement.GetProperty("description");
        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        Assert.True(entries.ContainsKey(description.GetProperty("defaultWorkerPath").GetString()!), "the worker named by worker.config.json is not in the package");

        using var metadata = JsonDocument.Parse(Text("functions.metadata"));
        var functions = metadata.RootElement.EnumerateArray().ToList();
        Assert.Equal(13, functions.Count);
        Assert.All(functions, f => Assert.True(entries.ContainsKey(f.GetProperty("scriptFile").GetString()!)));

        // The WebJobs extensions the host loads for the queue trigger, named by extensions.json.
        using var extensions = JsonDocument.Parse(Text("extensions.json"));
        Assert.All(extensions.RootElement.GetProperty("extensions").EnumerateArray(), e => Assert.True(entries.ContainsKey(e.GetProperty("hintPath").GetString()!.Replace("./", string.Empty, StringComparison.Ordinal))));
        Assert.Contains(entries.Keys, k => k.StartsWith(".azurefunctions/Microsoft.Azure.WebJobs.Extensions.Storage.Queues", StringComparison.Ordinal));

        Assert.DoesNotContain(entries.Keys, k => k.Contains("local.settings", StringComparison.OrdinalIgnoreCase) || k.Contains("appsettings.Development", StringComparison.OrdinalIgnoreCase)
            || k.EndsWith("secrets.json", StringComparison.OrdinalIgnoreCase) || k.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || k.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase));
        var settings = Text("appsettings.json");
        Assert.DoesNotContain("Keys", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("AccountKey", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("AzureWebJobsStorage", settings, StringComparison.Ordinal);
    }

    [Fact]
    public void Worker_IsReadyToRunCode()
    {
        Assert.True(package.Result.ExitCode == 0, package.Result.Output + package.Result.Error);

        foreach (var assembly in new[] { "CrmPersonCentric.Functions.dll", "CrmPersonCentric.Application.dll", "CrmPersonCentric.Storage.dll", "CrmPersonCentric.Drift.dll" })
        {
            using var pe = new PEReader(File.OpenRead(Path.Combine(package.PublishDirectory, assembly)));
            Assert.True(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{assembly} holds no ReadyToRun code");
        }
    }
}
