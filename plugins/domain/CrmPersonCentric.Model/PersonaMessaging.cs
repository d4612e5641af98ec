namespace CrmPersonCentric.Model;

/// <summary>The persona's four messaging layers and the deepest layer its messaging currently reaches.</summary>
/// <param name="CorporateVision">Layer 1 message.</param>
/// <param name="DepartmentMission">Layer 2 message.</param>
/// <param name="JobRoleKra">Layer 3 message.</param>
/// <param name="DeepPersonalDesire">Layer 4 message (the human level); often empty while messaging stops earlier.</param>
/// <param name="ReachedLayer">The deepest layer the persona's live messaging speaks to.</param>
public sealed record PersonaMessaging(
    string? CorporateVision,
    string? DepartmentMission,
    string? JobRoleKra,
    string? DeepPersonalDesire,
    MessagingLayer ReachedLayer)
{
    /// <summary>The message of one layer.</summary>
    public string? For(MessagingLayer layer) => layer switch
    {
        MessagingLayer.CorporateVision => CorporateVision,
        MessagingLayer.DepartmentMission => DepartmentMission,
        MessagingLayer.JobRoleKra => JobRoleKra,
        MessagingLayer.DeepPersonalDesire => DeepPersonalDesire,
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer, "Unknown messaging layer."),
    };
}
