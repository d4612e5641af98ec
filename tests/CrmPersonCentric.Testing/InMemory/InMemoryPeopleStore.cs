using System.Collections.Concurrent;
using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Testing.InMemory;

/// <summary>The people port in memory, with the stored adapter's rules: newer row versions only, tombstones undone only by a confirmed read after them.</summary>
public sealed class InMemoryPeopleStore(TimeProvider time) : IPeopleStore
{
    private readonly ConcurrentDictionary<string, Row> _rows = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The snapshots held (not erased), by contact id.</summary>
    public IReadOnlyDictionary<string, PersonSnapshot> Snapshots =>
        _rows.Where(r => r.Value.Snapshot is not null).ToDictionary(r => r.Key, r => r.Value.Snapshot!, StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public Task<SnapshotWriteResult> UpsertSnapshotAsync(PersonSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var id = snapshot.Profile.ContactId;
        lock (_rows)
        {
            var result = _rows.TryGetValue(id, out var current) ? Compare(snapshot, current) : SnapshotWriteResult.Stored;
            if (result == SnapshotWriteResult.Stored)
            {
                _rows[id] = new Row(snapshot, snapshot.RowVersion, null);
            }

            return Task.FromResult(result);
        }
    }

    /// <inheritdoc />
    public Task WriteTombstoneAsync(string contactId, string? rowVersion = null, CancellationToken cancellationToken = default)
    {
        lock (_rows)
        {
            var last = _rows.TryGetValue(contactId, out var current) ? current.RowVersion : null;
            _rows[contactId] = new Row(null, Version(rowVersion) > Version(last) ? rowVersion : last ?? rowVersion, time.GetUtcNow());
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> IsErasedAsync(string contactId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_rows.TryGetValue(contactId, out var row) && row.ErasedOn is not null);

    /// <inheritdoc />
    public async IAsyncEnumerable<(string ContactId, string? PersonaId)> IndexedContactsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var (id, snapshot) in Snapshots)
        {
            yield return (id, snapshot.Profile.PersonaId);
        }
    }

    private static SnapshotWriteResult Compare(PersonSnapshot snapshot, Row stored)
    {
        if (stored.ErasedOn is { } erasedOn)
        {
            if (snapshot.ExistenceConfirmedOn is { } confirmed && confirmed > erasedOn)
            {
                return SnapshotWriteResult.Stored;
            }

            return Version(stored.RowVersion) is { } last && Version(snapshot.RowVersion) is { } version && version <= last ? SnapshotWriteResult.Older : SnapshotWriteResult.Erased;
        }

        var (incoming, kept) = (Version(snapshot.RowVersion), Version(stored.RowVersion));
        return incoming is null || kept is null || incoming > kept ? SnapshotWriteResult.Stored
            : incoming == kept ? SnapshotWriteResult.Duplicate
            : SnapshotWriteResult.Older;
    }

    private static long? Version(string? text) =>
        long.TryParse(new string([.. (text ?? string.Empty).Where(char.IsAsciiDigit)]), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    private sealed record Row(PersonSnapshot? Snapshot, string? RowVersion, DateTimeOffset? ErasedOn);
}
