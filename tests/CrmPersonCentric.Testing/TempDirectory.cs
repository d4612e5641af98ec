namespace CrmPersonCentric.Testing;

/// <summary>A directory under the system temp folder, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>Creates the directory; <paramref name="prefix"/> names what it is for in the temp folder.</summary>
    public TempDirectory(string prefix = "cpc-tests")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    /// <summary>The directory.</summary>
    public string Path { get; }

    /// <summary>A file (or folder) name inside the directory.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <inheritdoc />
    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
