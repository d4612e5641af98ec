namespace CrmPersonCentric.Application.Ports;

/// <summary>What storing a snapshot did.</summary>
public enum SnapshotWriteResult
{
    /// <summary>The snapshot was newer and is now stored.</summary>
    Stored,

    /// <summary>The same version was already stored (a duplicate delivery or a retry): nothing changed.</summary>
    Duplicate,

    /// <summary>A newer version is already stored (or an erasure that the snapshot's own row version predates): nothing changed and nothing should follow.</summary>
    Older,

    /// <summary>
    /// The contact was erased and the snapshot does not show that the row exists again: nothing changed. Only the system
    /// of record can say whether the contact was restored (read it back, then store with
    /// <see cref="PersonSnapshot.ExistenceConfirmedOn"/>); no delivery time or modification time can, since those come
    /// from another clock than the erasure's.
    /// </summary>
    Erased,
}
