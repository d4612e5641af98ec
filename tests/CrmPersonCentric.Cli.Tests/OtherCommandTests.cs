namespace CrmPersonCentric.Cli.Tests;

public sealed class OtherCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cpc-cli-" + Guid.NewGuid().ToString("N"));

    public OtherCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Sample_WritesADataDirectoryThatEvaluates()
    {
        var data = Path.Combine(_dir, "data");

        var sample = CliRun.Invoke("sample", "--out", data, "--seed", "5", "--scale", "0.2", "--no-drift");
        var evaluate = CliRun.Invoke("evaluate", "--data", data, "--out", Path.Combine(_dir, "out"));

        Assert.Equal(0, sample.ExitCode);
        Assert.Contains("6 personas", sample.Output, StringComparison.Ordinal);
        Assert.Equal(0, evaluate.ExitCode);
    }

    [Fact]
    public void PersonasCheck_FlagsTheSterilePersona_SaysWhatToDo_AndNeverFails()
    {
        var (code, output, _) = CliRun.Invoke("personas", "check", "--data", Path.Combine(RepositoryRoot.Path, "samples", "northwind"));

        Assert.Equal(0, code);
        Assert.Contains("ok  Pragmatic Operations Leader", output, StringComparison.Ordinal);
        Assert.Contains("4 to fix  Innovation-Loving Decision Maker", output, StringComparison.Ordinal);
        Assert.Contains("generic-traits", output, StringComparison.Ordinal);
        Assert.Contains("what to do:", output, StringComparison.Ordinal);
        Assert.Contains("stale-while-drifting", output, StringComparison.Ordinal);
    }

    [Fact]
    public void PersonasCheck_BadAsOf_IsBadInput()
    {
        var (code, _, error) = CliRun.Invoke("personas", "check", "--data", Path.Combine(RepositoryRoot.Path, "samples", "northwind"), "--as-of", "someday");

        Assert.Equal(2, code);
        Assert.Contains("--as-of", error, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesValidate_InvalidRule_NamesRuleAndField()
    {
        var file = Path.Combine(_dir, "rules.json");
        File.WriteAllText(file, """[{"id":"leak","metric":"icpLeakage","threshold":0.1,"criticalThreshold":0.05,"minimumSample":50,"windowDays":90,"severity":"warning"}]""");

        var (code, _, error) = CliRun.Invoke("rules", "validate", file);

        Assert.Equal(2, code);
        Assert.Contains("rule 'leak' criticalThreshold", error, StringComparison.Ordinal);
    }

    [Fact]
    public void RulesDefaults_PrintsRulesThatValidate()
    {
        var (code, output, _) = CliRun.Invoke("rules", "defaults");
        var file = Path.Combine(_dir, "defaults.json");
        File.WriteAllText(file, output);

        Assert.Equal(0, code);
        Assert.Contains("\"profileCoverage\"", output, StringComparison.Ordinal);
        Assert.Equal(0, CliRun.Invoke("rules", "validate", file).ExitCode);
    }

    [Fact]
    public void SolutionPack_WritesBothZipsDeterministically()
    {
        var source = Path.Combine(RepositoryRoot.Path, "solution");
        var first = CliRun.Invoke("solution", "pack", "--source", source, "--out", Path.Combine(_dir, "a"));
        var second = CliRun.Invoke("solution", "pack", "--source", source, "--out", Path.Combine(_dir, "b"));

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        var zips = Directory.GetFiles(Path.Combine(_dir, "a"), "*.zip").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["CrmPersonCentric.zip", "CrmPersonCentric_managed.zip"], zips);
        foreach (var zip in zips)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(_dir, "a", zip!)), File.ReadAllBytes(Path.Combine(_dir, "b", zip!)));
        }
    }

    [Fact]
    public void SolutionCheck_PackedSolutionsPass_AndABrokenFileNamesElementAndLine()
    {
        var out_ = Path.Combine(_dir, "packed");
        Assert.Equal(0, CliRun.Invoke("solution", "pack", "--source", Path.Combine(RepositoryRoot.Path, "solution"), "--out", out_).ExitCode);
        var broken = Path.Combine(_dir, "customizations.xml");
        File.WriteAllText(broken, "<ImportExportXml>\n  <Entities />\n  <Roles />\n  <Nonsense />\n</ImportExportXml>\n");

        var managed = CliRun.Invoke("solution", "check", Path.Combine(out_, "CrmPersonCentric_managed.zip"));
        var unmanaged = CliRun.Invoke("solution", "check", Path.Combine(out_, "CrmPersonCentric.zip"));
        var bad = CliRun.Invoke("solution", "check", broken);
        var missing = CliRun.Invoke("solution", "check", Path.Combine(_dir, "nothing-here"));

        Assert.Equal(0, managed.ExitCode);
        Assert.Contains(managed.Output.Split('\n'), l => l.StartsWith("0 schema error(s), 2 allowed", StringComparison.Ordinal));
        Assert.Equal(0, unmanaged.ExitCode);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("line 4", bad.Error, StringComparison.Ordinal);
        Assert.Contains("Nonsense", bad.Error, StringComparison.Ordinal);
        Assert.StartsWith("1 schema error(s), 0 allowed", bad.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);
    }
}
