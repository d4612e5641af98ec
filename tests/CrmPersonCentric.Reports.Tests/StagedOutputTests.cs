namespace CrmPersonCentric.Reports.Tests;

/// <summary>An output directory written all at once: a failed run changes nothing, a first failed run leaves no directory.</summary>
public sealed class StagedOutputTests : IDisposable
{
    private readonly TempDirectory _temp = new("cpc-staged");

    private string Root => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void AFirstRunThatFails_LeavesNoDirectory_AndOneThatCommits_LeavesItsFilesOnly()
    {
        var output = Path.Combine(Root, "out");
        using (var failed = new StagedOutput(output))
        {
            failed.Write("summary.json", "{}");
        }

        Assert.False(Directory.Exists(output));

        using (var run = new StagedOutput(output))
        {
            run.Write("summary.json", "{}");
            Assert.Equal(["summary.json"], run.Commit());
        }

        Assert.Equal(["summary.json"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName));
    }

    [Fact]
    public void ARunThatFails_LeavesThePreviousOutputsAsTheyWere()
    {
        var output = Directory.CreateDirectory(Path.Combine(Root, "out")).FullName;
        File.WriteAllText(Path.Combine(output, "summary.json"), "previous");
        var empty = Directory.CreateDirectory(Path.Combine(Root, "empty")).FullName;

        using (var failed = new StagedOutput(output))
        {
            failed.Write("summary.json", "new");
        }

        using (new StagedOutput(empty))
        {
        }

        Assert.Equal("previous", File.ReadAllText(Path.Combine(output, "summary.json")));
        Assert.Single(Directory.GetFileSystemEntries(output));
        Assert.True(Directory.Exists(empty)); // a directory the user made stays, empty or not
    }
}
