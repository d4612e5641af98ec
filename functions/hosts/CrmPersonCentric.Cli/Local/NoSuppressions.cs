using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Cli.Local;

/// <summary>A data directory records no rejected suggestions: nothing is suppressed, and a suppression is not kept.</summary>
internal sealed class NoSuppressions : ISuggestionSuppressions
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>(StringComparer.Ordinal);

    public Task SuppressAsync(string suggestionKey, DateTimeOffset until, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<IReadOnlySet<string>> SuppressedKeysAsync(CancellationToken cancellationToken = default) => Task.FromResult(None);
}
