using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Application.Reports;

/// <summary>Report delivery settings. Bound from configuration section "Reports".</summary>
public sealed class ReportOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Reports";

    /// <summary>Organisation name in report headers.</summary>
    public string Organisation { get; set; } = "Dataverse";

    /// <summary>The systemuser id reports are sent from (a queue or service user); empty archives without sending.</summary>
    public Guid? SenderUserId { get; set; }

    /// <summary>When set, reports are archived in this folder instead of the cpc-reports blob container (the standalone host sets "reports").</summary>
    public string? LocalFolder { get; set; }

    /// <summary>The Dataverse environment URL reports link to (the backend takes Dataverse:EnvironmentUrl when this is empty).</summary>
    public string? EnvironmentUrl { get; set; }

    /// <summary>The Persona Studio app id (model-driven app), so report links open in it; empty opens the environment's default app.</summary>
    public Guid? AppId { get; set; }

    /// <summary>The base URL the archived reports are served from (a static website or an intranet page); the e-mail digest links to the full report under it.</summary>
    public string? ReportUrl { get; set; }

    /// <summary>The links these settings give (a malformed URL gives none: the options validator names it at start).</summary>
    public ReportLinks Links() => new(
        Uri.TryCreate(EnvironmentUrl, UriKind.Absolute, out var environment) ? environment : null,
        AppId is { } app && app != Guid.Empty ? app : null,
        Uri.TryCreate(ReportUrl, UriKind.Absolute, out var reports) ? reports : null);
}
