namespace CrmPersonCentric.Dataverse.Ports;

/// <summary>Erases everything the backend holds about a contact (the right to erasure).</summary>
public interface IContactErasure
{
    /// <summary>Erases the contact's snapshot, signals and kept payloads; idempotent.</summary>
    Task EraseContactAsync(string contactId, CancellationToken cancellationToken = default);
}
