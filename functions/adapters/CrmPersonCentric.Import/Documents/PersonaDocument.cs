namespace CrmPersonCentric.Import.Documents;

/// <summary>The JSON shape of one persona in personas.json.</summary>
public sealed class PersonaDocument
{
    /// <summary>Stable id.</summary>
    public string? Id { get; set; }

    /// <summary>Display name.</summary>
    public string? Name { get; set; }

    /// <summary>Definition version (defaults to 1).</summary>
    public int? Version { get; set; }

    /// <summary>The owning marketing lead.</summary>
    public OwnerDocument? Owner { get; set; }

    /// <summary>The ICP filter.</summary>
    public IcpDocument? Icp { get; set; }

    /// <summary>The messaging layers.</summary>
    public MessagingDocument? Messaging { get; set; }

    /// <summary>Declared traits per dimension.</summary>
    public TraitsDocument? Traits { get; set; }

    /// <summary>Expected behaviours.</summary>
    public List<BehaviourDocument>? Behaviours { get; set; }

    /// <summary>Expected trust channels with shares (optional).</summary>
    public List<TrustChannelDocument>? TrustChannels { get; set; }

    /// <summary>When the definition last changed (optional; the depth check's "not revised for long").</summary>
    public DateTimeOffset? RevisedOn { get; set; }
}
