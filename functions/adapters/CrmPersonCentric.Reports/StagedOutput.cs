using System.Collections.Immutable;
using System.Text;

namespace CrmPersonCentric.Reports;

/// <summary>
/// An output directory written all at once: files go to a staging folder inside it and are moved into place together by
/// <see cref="Commit"/>, so a run that fails half-way leaves the previous outputs as they were. Disposing removes the
/// staging folder (and whatever a failed run left in it), and the output directory too when this run created it and
/// nothing was committed to it (the directory itself; parents it created with it stay).
/// </summary>
public sealed class StagedOutput : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly bool _created;

    private bool _committed;

    /// <summary>Creates the directory (if needed) and a staging folder in it.</summary>
    public StagedOutput(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = directory;
        _created = !System.IO.Directory.Exists(directory);
        System.IO.Directory.CreateDirectory(directory);
        Staging = Path.Combine(directory, ".staging-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Staging);
    }

    /// <summary>The output directory.</summary>
    public string Directory { get; }

    /// <summary>The staging folder files are written to until the commit.</summary>
    public string Staging { get; }

    /// <summary>The path of a file already in the output directory (what an earlier run left).</summary>
    public string Existing(string name) => Path.Combine(Directory, name);

    /// <summary>Stages a file (UTF-8 without a byte order mark).</summary>
    public void Write(string name, string content)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        File.WriteAllText(Path.Combine(Staging, name), content, Utf8);
    }

    /// <summary>Moves every staged file into the output directory; returns their names in ordinal order.</summary>
    public ImmutableArray<string> Commit()
    {
        var names = System.IO.Directory.GetFiles(Staging).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToImmutableArray();
        foreach (var name in names)
        {
            File.Move(Path.Combine(Staging, name!), Path.Combine(Directory, name!), overwrite: true);
        }

        _committed = true;
        return names!;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (System.IO.Directory.Exists(Staging))
        {
            System.IO.Directory.Delete(Staging, recursive: true);
        }

        try
        {
            if (_created && !_committed && System.IO.Directory.Exists(Directory) && !System.IO.Directory.EnumerateFileSystemEntries(Directory).Any())
            {
                System.IO.Directory.Delete(Directory);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Tidying only: the error the run is ending with (if any) is the one to report.
        }
    }
}
