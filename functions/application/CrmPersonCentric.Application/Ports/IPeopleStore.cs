namespace CrmPersonCentric.Application.Ports;

/// <summary>The backend's row per contact: its latest normalised snapshot or, after an erasure, a tombstone.</summary>
public interface IPeopleStore
{
    /// <summary>
    /// Stores the latest profile snapshot of a contact: Stored when it was newer, Duplicate when the same version was
    /// already stored, Older when a newer version is, Erased when the contact was erased and the snapshot does not
    /// confirm that its row exists again (then nothing changed).
    /// </summary>
    Task<SnapshotWriteResult> UpsertSnapshotAsync(PersonSnapshot snapshot, CancellationToken cancellationToken = default);

    /// <summary>Replaces the contact's row with a tombstone (id, the last row version known, the erasure's time).</summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="rowVersion">The row version the delete carried, if any: deliveries up to it are older than the erasure.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task WriteTombstoneAsync(string contactId, string? rowVersion = null, CancellationToken cancellationToken = default);

    /// <summary>True when the contact has been erased (nothing of it may be stored again).</summary>
    Task<bool> IsErasedAsync(string contactId, CancellationToken cancellationToken = default);

    /// <summary>Every contact that holds a snapshot (not erased), with its persona (null: untagged).</summary>
    IAsyncEnumerable<(string ContactId, string? PersonaId)> IndexedContactsAsync(CancellationToken cancellationToken = default);
}
