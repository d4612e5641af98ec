using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Cli.Local;

/// <summary>A data directory records no decisions on suggested revisions: "what changed" lists none, and no revision row exists to link to.</summary>
internal sealed class NoDecisions : IRevisionDecisions
{
    public Task<IReadOnlyList<DecidedRevision>> DecidedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<DecidedRevision>>([]);

    public Task<IReadOnlyDictionary<string, Guid>> ProposedRowsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, Guid>>(new Dictionary<string, Guid>(StringComparer.Ordinal));
}
