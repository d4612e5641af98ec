namespace CrmPersonCentric.Application.Ports;

/// <summary>Suggestions a marketing lead rejected, kept from being proposed again for a while.</summary>
public interface ISuggestionSuppressions
{
    /// <summary>Suppresses suggestions with this key until the given time.</summary>
    Task SuppressAsync(string suggestionKey, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>The keys suppressed now.</summary>
    Task<IReadOnlySet<string>> SuppressedKeysAsync(CancellationToken cancellationToken = default);
}
