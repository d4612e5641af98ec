using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Storage;

/// <summary>Rendered reports kept in the cpc-reports blob container, under their relative names (2026-11-30/report-owner-maya.html).</summary>
public sealed class BlobReportArchive(StorageClients storage) : IReportArchive
{
    /// <inheritdoc />
    public async Task ArchiveAsync(string name, string html, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(html);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var blob = storage.Container(StorageClients.ReportContainer).GetBlobClient(name);
        await blob.UploadAsync(BinaryData.FromString(html), overwrite: true, cancellationToken).ConfigureAwait(false);
    }
}
