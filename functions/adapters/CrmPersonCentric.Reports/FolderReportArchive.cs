using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Reports;

/// <summary>Rendered reports kept as files under a folder (the standalone host's "reports", cpc's output directory).</summary>
public sealed class FolderReportArchive(string folder) : IReportArchive
{
    /// <summary>The folder the reports go to.</summary>
    public string Folder { get; } = folder ?? throw new ArgumentNullException(nameof(folder));

    /// <inheritdoc />
    public async Task ArchiveAsync(string name, string html, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(html);
        var root = Path.GetFullPath(Folder);
        var path = Path.GetFullPath(Path.Combine(root, name));
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The report name {name} leaves the folder.", nameof(name));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, html, cancellationToken).ConfigureAwait(false);
    }
}
