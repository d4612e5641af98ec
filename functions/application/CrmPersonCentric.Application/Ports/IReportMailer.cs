namespace CrmPersonCentric.Application.Ports;

/// <summary>Sends reports to marketing leads.</summary>
public interface IReportMailer
{
    /// <summary>Sends one report.</summary>
    Task SendAsync(ReportMail mail, CancellationToken cancellationToken = default);
}
