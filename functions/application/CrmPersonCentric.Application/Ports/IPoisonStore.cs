namespace CrmPersonCentric.Application.Ports;

/// <summary>Payloads that could not be processed, kept with the reason so they can be replayed (and erased).</summary>
public interface IPoisonStore
{
    /// <summary>Keeps a payload with the reason it failed.</summary>
    /// <param name="body">The payload.</param>
    /// <param name="source">Where it came from (<see cref="PoisonSources"/>).</param>
    /// <param name="reason">Why it could not be processed (types and codes, never data).</param>
    /// <param name="sizeExceeded">Dataverse marked the body as cut.</param>
    /// <param name="contactId">The contact it is about, for erasure.</param>
    /// <param name="delivery">The inbox delivery it came from: keeping the same delivery again replaces the item.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<PoisonItem> KeepAsync(string body, string source, string reason, bool sizeExceeded, string? contactId = null, InboxMessage? delivery = null, CancellationToken cancellationToken = default);

    /// <summary>One kept item, or null.</summary>
    Task<PoisonItem?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The kept items, newest first (at most <paramref name="max"/>; null: all).</summary>
    Task<IReadOnlyList<PoisonItem>> ListAsync(int? max = 100, CancellationToken cancellationToken = default);

    /// <summary>The body of an item, or null when it is gone.</summary>
    Task<string?> BodyOfAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Removes an item (after a replay).</summary>
    Task RemoveAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Removes every kept payload of a contact: those recorded for it and those that mention its id in any form.</summary>
    Task ForgetContactAsync(string contactId, CancellationToken cancellationToken = default);
}
