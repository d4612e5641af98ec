namespace CrmPersonCentric.Application.Ports;

/// <summary>Where rendered reports are kept (a blob container, a folder, an output directory).</summary>
public interface IReportArchive
{
    /// <summary>Keeps one report under a relative name such as 2026-11-30/report-owner-maya.html.</summary>
    Task ArchiveAsync(string name, string html, CancellationToken cancellationToken = default);
}
