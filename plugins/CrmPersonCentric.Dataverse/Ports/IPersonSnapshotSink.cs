namespace CrmPersonCentric.Dataverse.Ports;

/// <summary>Where the steps hand a contact's normalised profile; the backend implements it over Azure Tables.</summary>
public interface IPersonSnapshotSink
{
    /// <summary>
    /// Stores the latest profile snapshot of a contact: Stored when it was newer, Duplicate when the same version was
    /// already stored, Older when a newer version or an erasure is (then nothing changed and nothing should follow).
    /// </summary>
    Task<SnapshotWriteResult> UpsertSnapshotAsync(PersonSnapshot snapshot, CancellationToken cancellationToken = default);
}
