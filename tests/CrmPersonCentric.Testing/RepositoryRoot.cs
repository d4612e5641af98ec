namespace CrmPersonCentric.Testing;

/// <summary>Finds the repository checkout the tests run from (the folder holding <c>CrmPersonCentric.sln</c>).</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    /// <summary>The repository root.</summary>
    public static string Path => Root.Value;

    /// <summary>A path under the repository root.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CrmPersonCentric.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CrmPersonCentric.sln not found above the test binaries in " + AppContext.BaseDirectory);
    }
}
