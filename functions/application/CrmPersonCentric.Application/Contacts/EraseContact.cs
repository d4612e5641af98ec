using CrmPersonCentric.Application.Ports;
using Microsoft.Extensions.Logging;

namespace CrmPersonCentric.Application.Contacts;

/// <summary>
/// "Erase a contact" (a deleted contact, or one the reconciliation no longer finds): everything the backend holds about
/// the person goes. The people row becomes a tombstone first (so a late delivery or signal cannot bring the person
/// back), then the contact's signals and the kept poison payloads recorded for it or mentioning its id. Idempotent.
/// </summary>
public sealed partial class EraseContact(IPeopleStore people, ISignalStore signals, IPoisonStore poison, ILogger<EraseContact> logger)
{
    /// <summary>Erases the contact's snapshot, signals and kept payloads.</summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="lastRowVersion">The row version the delete carried (its pre image), if any: deliveries up to it are older than the erasure.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task EraseAsync(string contactId, string? lastRowVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contactId);
        await people.WriteTombstoneAsync(contactId, lastRowVersion, cancellationToken).ConfigureAwait(false);
        await signals.DeleteContactAsync(contactId, cancellationToken).ConfigureAwait(false);
        await poison.ForgetContactAsync(contactId, cancellationToken).ConfigureAwait(false);
        LogErased(logger, contactId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erased contact {ContactId}")]
    private static partial void LogErased(ILogger logger, string contactId);
}
