using System.Collections.Concurrent;
using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Cli.Local;

/// <summary>Leases within one cpc process (one run at a time per name); runs of separate processes are not kept apart.</summary>
internal sealed class SingleProcessLeases : ILeases
{
    private readonly ConcurrentDictionary<string, string> _held = new(StringComparer.Ordinal);

    public Task<string?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var token = Guid.NewGuid().ToString("N");
        return Task.FromResult(_held.TryAdd(name, token) ? token : null);
    }

    public Task ReleaseAsync(string name, string token, CancellationToken cancellationToken = default)
    {
        _held.TryRemove(new KeyValuePair<string, string>(name, token));
        return Task.CompletedTask;
    }
}
