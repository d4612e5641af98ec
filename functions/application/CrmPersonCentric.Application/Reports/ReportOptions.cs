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
}
