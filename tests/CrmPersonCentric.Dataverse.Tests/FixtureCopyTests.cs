namespace CrmPersonCentric.Dataverse.Tests;

public sealed class FixtureCopyTests
{
    [Fact]
    public void Copies_MatchTheSharedFixtures_WhenSharedIsPresent()
    {
        var shared = FindShared();
        if (shared is null)
        {
            return; // A checkout without ../shared still runs the contract tests on the copies.
        }

        foreach (var folder in new[] { "dataverse-webapi", "dataverse-webhook" })
        {
            foreach (var file in Directory.GetFiles(System.IO.Path.Combine(shared, folder)))
            {
                var copy = Fixture.Path(System.IO.Path.Combine(folder, System.IO.Path.GetFileName(file)));
                Assert.True(File.Exists(copy), $"{folder}/{System.IO.Path.GetFileName(file)} is missing from tests/CrmPersonCentric.Dataverse.Tests/Fixtures");
                Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(copy));
            }
        }
    }

    private static string? FindShared()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CrmPersonCentric.sln")))
            {
                var shared = System.IO.Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared", "fixtures");
                return Directory.Exists(shared) ? shared : null;
            }
        }

        return null;
    }
}
