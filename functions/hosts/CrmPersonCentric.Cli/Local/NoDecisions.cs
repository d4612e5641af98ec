using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Cli.Local;

/// <summary>A data directory records no decisions on suggested revisions: "what changed" lists none.</summary>
internal sealed class NoDecisions : IRevisionDecisions
{
    public Task<IReadOnlyList<DecidedRevision>> DecidedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<DecidedRevision>>([]);
}
