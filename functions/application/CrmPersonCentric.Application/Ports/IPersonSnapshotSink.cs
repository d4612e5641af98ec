namespace CrmPersonCentric.Application.Ports;

/// <summary>Where the steps hand a contact's normalised profile; the backend implements it over Azure Tables.</summary>
public interface IPersonSnapshotSink
{
    /// <summary>
    /// Stores the latest profile snapshot of a contact: Stored when it was newer, Duplicate when the same version was
    /// already stored, Older when a newer version is, Erased when the contact was erased and the snapshot does not
    /// confirm that its row exists again (then nothing changed).
    /// </summary>
    Task<SnapshotWriteResult> UpsertSnapshotAsync(PersonSnapshot snapshot, CancellationToken cancellationToken = default);
}
