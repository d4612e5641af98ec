using System.IO.Compression;
using System.Text.Json;
using CrmPersonCentric.Functions.Hosting;

namespace CrmPersonCentric.Infra.Tests;

public sealed class PackageTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "cpc-package-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    [Fact]
    public async Task Publish_ProducesTheCustomHandlerPackage()
    {
        var zip = Path.Combine(_out, "functions.zip");
        var publish = await Tool.RunAsync("dotnet", $"publish functions/CrmPersonCentric.Functions -c Release -r linux-x64 -o \"{Path.Combine(_out, "publish")}\" -p:FunctionsPackage=\"{zip}\"", TimeSpan.FromMinutes(10));
        Assert.True(publish.ExitCode == 0, publish.Output + publish.Error);

        using var archive = ZipFile.OpenRead(zip);
        var entries = archive.Entries.ToDictionary(e => e.FullName);
        using var host = JsonDocument.Parse(new StreamReader(entries["host.json"].Open()).ReadToEnd());
        var executable = host.RootElement.GetProperty("customHandler").GetProperty("description").GetProperty("defaultExecutablePath").GetString()!;

        Assert.True(entries.ContainsKey(executable), $"{executable} is not in the package");
        Assert.Equal(0b111_101_101, (entries[executable].ExternalAttributes >> 16) & 0b111_111_111);
        var functions = entries.Keys.Where(k => k.EndsWith("/function.json", StringComparison.Ordinal)).Select(k => k.Split('/')[0]).Order().ToList();
        Assert.Equal(FunctionRoutes.Http.Keys.Concat(FunctionRoutes.Invocations.Keys).Order(), functions);
        Assert.DoesNotContain(entries.Keys, k => k.Contains("local.settings", StringComparison.OrdinalIgnoreCase) || k.Contains("appsettings.Development", StringComparison.OrdinalIgnoreCase) || k.EndsWith("secrets.json", StringComparison.OrdinalIgnoreCase) || k.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(entries.Keys, k => k == "libcoreclr.so");
        var settings = new StreamReader(entries["appsettings.json"].Open()).ReadToEnd();
        Assert.DoesNotContain("Keys", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("ConnectionString\":", settings, StringComparison.Ordinal);
    }
}
