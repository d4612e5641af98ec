using CrmPersonCentric.Application.Reports;
using Microsoft.Azure.Functions.Worker;

namespace CrmPersonCentric.Functions.Triggers;

/// <summary>Timer (%WeeklyReportSchedule%, Monday 07:00 UTC by default): one report per marketing lead, archived and sent.</summary>
public sealed class WeeklyReportFunction(SendReports reports)
{
    /// <summary>The function's name.</summary>
    public const string Name = "WeeklyReport";

    /// <summary>Builds, archives and sends the reports.</summary>
    [Function(Name)]
    public Task RunAsync([TimerTrigger("%" + FunctionSettings.WeeklyReportSchedule + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        reports.RunAsync(cancellationToken);
}
