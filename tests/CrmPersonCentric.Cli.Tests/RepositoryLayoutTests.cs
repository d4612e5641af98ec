using System.Text.Json;
using System.Text.RegularExpressions;

namespace CrmPersonCentric.Cli.Tests;

/// <summary>The fast loop (CrmPersonCentric.Fast.slnf) stays a true subset: every project except the suites that need servers.</summary>
public sealed partial class RepositoryLayoutTests
{
    // The suites that need a real Azurite, a real Chromium or a real publish; everything else belongs to the fast loop.
    private static readonly string[] IntegrationSuites =
    [
        "tests/CrmPersonCentric.Functions.IntegrationTests/CrmPersonCentric.Functions.IntegrationTests.csproj",
        "tests/CrmPersonCentric.Panel.BrowserTests/CrmPersonCentric.Panel.BrowserTests.csproj",
        "tests/CrmPersonCentric.Infra.Tests/CrmPersonCentric.Infra.Tests.csproj",
        "tests/CrmPersonCentric.Benchmarks/CrmPersonCentric.Benchmarks.csproj",
        "tests/CrmPersonCentric.Benchmarks.PlainApp/CrmPersonCentric.Benchmarks.PlainApp.csproj",
    ];

    [Fact]
    public void FastFilter_HoldsEveryProjectButTheIntegrationSuites()
    {
        var solution = File.ReadAllText(RepositoryRoot.Combine("CrmPersonCentric.sln"));
        var all = ProjectLine().Matches(solution).Select(m => m.Groups[1].Value.Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        using var filter = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("CrmPersonCentric.Fast.slnf")));
        var fast = filter.RootElement.GetProperty("solution").GetProperty("projects").EnumerateArray().Select(p => p.GetString()!).Order(StringComparer.Ordinal).ToList();

        Assert.All(IntegrationSuites, suite => Assert.Contains(suite, all));
        Assert.Equal(all.Except(IntegrationSuites).ToList(), fast);
    }

    [GeneratedRegex(@"Project\(""\{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC\}""\) = ""[^""]+"", ""([^""]+\.csproj)""")]
    private static partial Regex ProjectLine();
}
