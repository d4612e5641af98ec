namespace CrmPersonCentric.Dataverse.Ports;

/// <summary>What storing a snapshot did.</summary>
public enum SnapshotWriteResult
{
    /// <summary>The snapshot was newer and is now stored.</summary>
    Stored,

    /// <summary>The same version was already stored (a duplicate delivery or a retry): nothing changed.</summary>
    Duplicate,

    /// <summary>A newer version (or an erasure) is already stored: nothing changed and nothing should follow.</summary>
    Older,
}
