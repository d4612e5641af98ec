namespace CrmPersonCentric.Import.Tests;

internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmPersonCentric.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (CrmPersonCentric.sln) was not found above the test binaries.");
    }
}
