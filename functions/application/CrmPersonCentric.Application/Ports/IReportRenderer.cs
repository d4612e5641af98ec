namespace CrmPersonCentric.Application.Ports;

/// <summary>Turns an evaluation into the reports people read: one per persona owner, and an index of them.</summary>
public interface IReportRenderer
{
    /// <summary>Renders the reports of one run.</summary>
    Task<RenderedReports> RenderAsync(ReportRequest request, CancellationToken cancellationToken = default);
}
