using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Testing.InMemory;

/// <summary>The signals port in memory: idempotent by signal id, nothing kept for an erased contact, retention by the clock.</summary>
public sealed class InMemorySignalStore(IPeopleStore people, TimeProvider time, int retentionDays = 730) : ISignalStore
{
    private readonly Dictionary<string, BehaviourSignal> _signals = new(StringComparer.Ordinal);

    /// <summary>The signals held.</summary>
    public IReadOnlyList<BehaviourSignal> Signals
    {
        get
        {
            lock (_signals)
            {
                return [.. _signals.Values];
            }
        }
    }

    /// <inheritdoc />
    public async Task RecordSignalAsync(BehaviourSignal signal, CancellationToken cancellationToken = default) =>
        await RecordSignalsAsync([signal], cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<int> RecordSignalsAsync(IEnumerable<BehaviourSignal> signals, CancellationToken cancellationToken = default)
    {
        var dropped = 0;
        foreach (var signal in signals)
        {
            if (await people.IsErasedAsync(signal.ContactId, cancellationToken).ConfigureAwait(false))
            {
                dropped++;
                continue;
            }

            lock (_signals)
            {
                _signals[signal.Id] = signal;
            }
        }

        return dropped;
    }

    /// <inheritdoc />
    public Task DeleteContactAsync(string contactId, CancellationToken cancellationToken = default)
    {
        lock (_signals)
        {
            foreach (var id in _signals.Values.Where(s => string.Equals(s.ContactId, contactId, StringComparison.OrdinalIgnoreCase)).Select(s => s.Id).ToList())
            {
                _signals.Remove(id);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int> ApplyRetentionAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = time.GetUtcNow().AddDays(-retentionDays);
        lock (_signals)
        {
            var old = _signals.Values.Where(s => s.OccurredOn < cutoff).Select(s => s.Id).ToList();
            old.ForEach(id => _signals.Remove(id));
            return Task.FromResult(old.Count);
        }
    }
}
