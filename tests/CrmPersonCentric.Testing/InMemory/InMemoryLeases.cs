using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Testing.InMemory;

/// <summary>Leases in memory that expire by the clock, as the stored ones do.</summary>
public sealed class InMemoryLeases(TimeProvider time) : ILeases
{
    private readonly Dictionary<string, (string Token, DateTimeOffset Until)> _held = new(StringComparer.Ordinal);

    /// <summary>Takes a lease from outside (another process's run).</summary>
    public void Hold(string name, TimeSpan duration)
    {
        lock (_held)
        {
            _held[name] = ("held elsewhere", time.GetUtcNow() + duration);
        }
    }

    /// <summary>True while someone holds the lease.</summary>
    public bool IsHeld(string name)
    {
        lock (_held)
        {
            return _held.TryGetValue(name, out var lease) && lease.Until > time.GetUtcNow();
        }
    }

    /// <inheritdoc />
    public Task<string?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        lock (_held)
        {
            if (IsHeld(name))
            {
                return Task.FromResult<string?>(null);
            }

            var token = Guid.NewGuid().ToString("N");
            _held[name] = (token, time.GetUtcNow() + duration);
            return Task.FromResult<string?>(token);
        }
    }

    /// <inheritdoc />
    public Task ReleaseAsync(string name, string token, CancellationToken cancellationToken = default)
    {
        lock (_held)
        {
            if (_held.TryGetValue(name, out var lease) && lease.Token == token)
            {
                _held.Remove(name);
            }
        }

        return Task.CompletedTask;
    }
}
