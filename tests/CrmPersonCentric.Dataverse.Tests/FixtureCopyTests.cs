namespace CrmPersonCentric.Dataverse.Tests;

/// <summary>
/// The contract tests read copies of ../shared/fixtures kept in this project, so a clean clone (where ../shared is not
/// checked out beside the repository) still runs them. Where ../shared is present the copies must match it byte for
/// byte; where it is absent the test says so as a skip instead of passing without checking.
/// </summary>
public sealed class FixtureCopyTests
{
    [Fact]
    public void Copies_MatchTheSharedFixtures()
    {
        var shared = Path.Combine(Directory.GetParent(RepositoryRoot.Path)!.FullName, "shared", "fixtures");
        if (!Directory.Exists(shared))
        {
            Assert.Skip($"{shared} is not checked out beside the repository: the copies in Fixtures/ were not compared with it.");
        }

        foreach (var folder in new[] { "dataverse-webapi", "dataverse-webhook" })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(shared, folder)))
            {
                var copy = Fixture.Path(Path.Combine(folder, Path.GetFileName(file)));
                Assert.True(File.Exists(copy), $"{folder}/{Path.GetFileName(file)} is missing from tests/CrmPersonCentric.Dataverse.Tests/Fixtures");
                Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(copy));
            }
        }
    }
}
