namespace CrmPersonCentric.Import.Documents;

/// <summary>The JSON shape of the four messaging layers.</summary>
public sealed class MessagingDocument
{
    /// <summary>Layer 1.</summary>
    public string? CorporateVision { get; set; }

    /// <summary>Layer 2.</summary>
    public string? DepartmentMission { get; set; }

    /// <summary>Layer 3.</summary>
    public string? JobRoleKra { get; set; }

    /// <summary>Layer 4.</summary>
    public string? DeepPersonalDesire { get; set; }

    /// <summary>The deepest layer reached, 1–4.</summary>
    public int? ReachedLayer { get; set; }
}
