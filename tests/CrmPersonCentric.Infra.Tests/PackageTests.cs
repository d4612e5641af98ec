using System.IO.Compression;
using System.Text.Json;
using CrmPersonCentric.Functions.Hosting;

namespace CrmPersonCentric.Infra.Tests;

public sealed class PackageTests(PublishedPackage package)
{
    [Fact]
    public void Publish_ProducesTheCustomHandlerPackage()
    {
        Assert.True(package.Result.ExitCode == 0, package.Result.Output + package.Result.Error);

        using var archive = ZipFile.OpenRead(package.Zip);
        var entries = archive.Entries.ToDictionary(e => e.FullName);
        using var host = JsonDocument.Parse(new StreamReader(entries["host.json"].Open()).ReadToEnd());
        var executable = host.RootElement.GetProperty("customHandler").GetProperty("description").GetProperty("defaultExecutablePath").GetString()!;

        Assert.True(entries.ContainsKey(executable), $"{executable} is not in the package");
        Assert.Equal(0b111_101_101, (entries[executable].ExternalAttributes >> 16) & 0b111_111_111);
        var functions = entries.Keys.Where(k => k.EndsWith("/function.json", StringComparison.Ordinal)).Select(k => k.Split('/')[0]).Order().ToList();
        Assert.Equal(FunctionRoutes.Http.Keys.Concat(FunctionRoutes.Invocations.Keys).Order(), functions);
        Assert.DoesNotContain(entries.Keys, k => k.Contains("local.settings", StringComparison.OrdinalIgnoreCase) || k.Contains("appsettings.Development", StringComparison.OrdinalIgnoreCase) || k.EndsWith("secrets.json", StringComparison.OrdinalIgnoreCase) || k.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase));

        // One Native AOT executable: an ELF binary with no managed entry assembly, runtime or debug symbols beside it.
        using (var stream = entries[executable].Open())
        {
            var magic = new byte[4];
            stream.ReadExactly(magic);
            Assert.Equal("\u007fELF"u8.ToArray(), magic);
        }

        Assert.DoesNotContain(entries.Keys, k => k.EndsWith(".dll", StringComparison.Ordinal) || k == "libcoreclr.so" || k.EndsWith(".dbg", StringComparison.Ordinal) || k.EndsWith(".pdb", StringComparison.Ordinal));
        var settings = new StreamReader(entries["appsettings.json"].Open()).ReadToEnd();
        Assert.DoesNotContain("Keys", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("ConnectionString\":", settings, StringComparison.Ordinal);
    }
}
