namespace CrmPersonCentric.Application.Ports;

/// <summary>Erases everything the backend holds about a contact (the right to erasure).</summary>
public interface IContactErasure
{
    /// <summary>Erases the contact's snapshot, signals and kept payloads; idempotent.</summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="lastRowVersion">The row version the delete carried (its pre image), if any: deliveries up to it are older than the erasure.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task EraseContactAsync(string contactId, string? lastRowVersion = null, CancellationToken cancellationToken = default);
}
