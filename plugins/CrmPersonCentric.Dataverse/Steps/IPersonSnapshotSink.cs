using CrmPersonCentric.Model;

namespace CrmPersonCentric.Dataverse.Steps;

/// <summary>What the steps hand to the backend; the Functions app implements it over Azure Tables.</summary>
public interface IPersonSnapshotSink
{
    /// <summary>
    /// Stores the latest profile snapshot of a contact: Stored when it was newer, Duplicate when the same version was
    /// already stored, Older when a newer version or an erasure is (then nothing changed and nothing should follow).
    /// </summary>
    Task<SnapshotWriteResult> UpsertSnapshotAsync(PersonSnapshot snapshot, CancellationToken cancellationToken = default);

    /// <summary>Erases every snapshot and signal of a contact (idempotent).</summary>
    Task EraseContactAsync(string contactId, CancellationToken cancellationToken = default);

    /// <summary>Records a behaviour signal (idempotent by signal id).</summary>
    Task RecordSignalAsync(BehaviourSignal signal, CancellationToken cancellationToken = default);

    /// <summary>Suppresses suggestions with this key until the given time (a marketing lead rejected one).</summary>
    Task SuppressSuggestionAsync(string suggestionKey, DateTimeOffset until, CancellationToken cancellationToken = default);
}
