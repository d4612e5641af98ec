using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Backend.Storage;
using Microsoft.Extensions.Logging;

namespace CrmPersonCentric.Backend.Services;

/// <summary>
/// Erasure across every table that can hold something about a person: the people row becomes a tombstone first (so
/// a late delivery or signal cannot bring the person back), then the contact's signals and the kept poison payloads
/// recorded for it or mentioning its id go. Idempotent: erasing twice changes nothing.
/// </summary>
public sealed partial class ErasureService(PeopleStore people, SignalStore signals, PoisonStore poison, ILogger<ErasureService> logger) : IContactErasure
{
    /// <inheritdoc />
    public async Task EraseContactAsync(string contactId, string? lastRowVersion = null, CancellationToken cancellationToken = default)
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
