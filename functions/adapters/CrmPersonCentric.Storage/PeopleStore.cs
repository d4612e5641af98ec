using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using CrmPersonCentric.Application.Ports;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;

namespace CrmPersonCentric.Storage;

/// <summary>
/// The people table: one row per contact, which is either the contact's snapshot (persona, normalised trait keys, row
/// version) or, after an erasure, a tombstone (id and time only). Rows are partitioned into 64 buckets by a hash of the
/// contact id, so a contact's whole state is one row changed by one conditional write: an older row version than the
/// stored one changes nothing, concurrent deliveries and erasures are decided by the row's ETag, and a delivery after
/// an erasure does not bring the person back. Only normalised trait keys are stored, never the deep desire or emotional
/// stakes text.
/// </summary>
public sealed partial class PeopleStore(StorageClients storage, ILogger<PeopleStore> logger, TimeProvider time) : IPeopleStore, IDisposable
{
    /// <summary>Contacts whose last known row (version and ETag) this instance remembers.</summary>
    public const int RememberedContacts = 50_000;

    // What this instance last read or wrote per contact. A remembered row can only be older than the stored one
    // (rows move forward), so deciding "older" or "duplicate" on it is safe, and a write based on it is conditional on
    // its ETag: if anyone changed the row meanwhile the write fails and the row is read again.
    private readonly MemoryCache _known = new(new MemoryCacheOptions { SizeLimit = RememberedContacts });

    /// <summary>Number of partitions of the people table.</summary>
    public const int Buckets = 64;

    private const char KeySeparator = '|';

    private TableClient People => storage.Table(TableNames.People);

    /// <summary>The partition of a contact's row: two hex digits of a SHA-256 of its key, in 64 buckets.</summary>
    public static string BucketOf(string contactKey)
    {
        ArgumentNullException.ThrowIfNull(contactKey);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(contactKey), hash);
        return (hash[0] % Buckets).ToString("X2", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Decide by row version (or modification time) against the stored row, then write only if the row is unchanged
    /// since it was read (ETag) or still absent (insert): a concurrent delivery or erasure in between makes the write
    /// fail, and the decision is taken again on what is stored now. The row compared with is the one this instance
    /// remembers, else none for a likely-new contact (insert first), else a fresh read: one storage operation for a
    /// new contact or a contact this instance wrote last, two otherwise.
    /// </remarks>
    public async Task<SnapshotWriteResult> UpsertSnapshotAsync(PersonSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = ToEntity(snapshot);
        for (var attempt = 0; attempt < 8; attempt++)
        {
            TableEntity? current;
            if (attempt == 0 && _known.TryGetValue(entity.RowKey, out TableEntity? remembered))
            {
                current = remembered;
            }
            else if (attempt == 0 && snapshot.LikelyNew)
            {
                current = null;
            }
            else
            {
                var read = await People.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, select: KnownColumns, cancellationToken: cancellationToken).ConfigureAwait(false);
                current = read.HasValue ? read.Value : null;
            }

            try
            {
                if (current is not null)
                {
                    var comparison = Compare(snapshot, current);
                    if (comparison != SnapshotWriteResult.Stored)
                    {
                        Remember(entity, current, current.ETag);
                        LogStale(logger, snapshot.Profile.ContactId);
                        return comparison;
                    }
                }

                var written = current is null
                    ? await People.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)
                    : await People.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                Remember(entity, entity, written.Headers.ETag ?? default);
                return SnapshotWriteResult.Stored;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                // Another delivery or an erasure changed the row since it was read (or the row remembered is gone):
                // read it and decide again.
                _known.Remove(entity.RowKey);
            }
        }

        throw new InvalidOperationException("The contact's snapshot kept changing concurrently; the delivery will be retried.");
    }

    /// <inheritdoc />
    public void Dispose() => _known.Dispose();

    private static readonly string[] KnownColumns = ["RowVersion", "ModifiedOn", "ProfileUpdatedOn", "Erased", "ErasedOn"];

    private void Remember(TableEntity key, TableEntity row, ETag etag)
    {
        if (etag == default)
        {
            _known.Remove(key.RowKey);
            return;
        }

        var known = new TableEntity(key.PartitionKey, key.RowKey) { ETag = etag };
        foreach (var column in KnownColumns)
        {
            if (row.TryGetValue(column, out var value) && value is not null)
            {
                known[column] = value;
            }
        }

        _known.Set(key.RowKey, known, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });
    }

    /// <summary>
    /// Replaces the contact's row with a tombstone (id, the last row version known of it and the erasure's time by this
    /// app's clock) in one write: no window in which a snapshot and a tombstone coexist, and any delivery that read the
    /// row before now fails its conditional write. A later delivery whose row version is not newer than the one kept is
    /// older than the erasure; any other needs the system of record's word that the row exists again
    /// (<see cref="SnapshotWriteResult.Erased"/>).
    /// </summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="rowVersion">The row version the delete delivery carried (its pre image), if any.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task WriteTombstoneAsync(string contactId, string? rowVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contactId);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var contactKey = TableKeys.Encode(contactId);
        var bucket = BucketOf(contactKey);
        var current = await People.GetEntityIfExistsAsync<TableEntity>(bucket, contactKey, select: ["RowVersion"], cancellationToken: cancellationToken).ConfigureAwait(false);
        var lastVersion = new[] { rowVersion, current.HasValue ? current.Value!.GetString("RowVersion") : null }
            .Where(v => Version(v) is not null).MaxBy(v => Version(v));
        var tombstone = new TableEntity(bucket, contactKey) { ["ContactId"] = contactId, ["Erased"] = true, ["ErasedOn"] = time.GetUtcNow(), ["RowVersion"] = lastVersion };
        _known.Remove(contactKey);
        await People.UpsertEntityAsync(tombstone, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        _known.Remove(contactKey);
        LogTombstone(logger, contactId);
    }

    /// <summary>Streams the contacts that hold a snapshot (not erased), with their persona (null: untagged).</summary>
    public async IAsyncEnumerable<(string ContactId, string? PersonaId)> IndexedContactsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var row in People.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Erased eq {false}"), select: ["RowKey", "ContactId", "Persona"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return (row.GetString("ContactId") ?? row.RowKey, row.GetString("Persona"));
        }
    }

    /// <summary>True when the contact has been erased (its signals must not be stored again).</summary>
    public async Task<bool> IsErasedAsync(string contactId, CancellationToken cancellationToken = default) =>
        (await IndexOfAsync(contactId, cancellationToken).ConfigureAwait(false)) is { Erased: true };

    /// <summary>The stored row version of a contact and whether it was erased, or null (unknown).</summary>
    public async Task<(string? RowVersion, bool Erased)?> IndexOfAsync(string contactId, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var contactKey = TableKeys.Encode(contactId);
        var row = await People.GetEntityIfExistsAsync<TableEntity>(BucketOf(contactKey), contactKey, select: ["RowVersion", "Erased"], cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? (row.Value!.GetString("RowVersion"), row.Value.GetBoolean("Erased") == true) : null;
    }

    /// <summary>How the snapshot compares with a stored row (row version first, then modification time).</summary>
    private static SnapshotWriteResult Compare(PersonSnapshot snapshot, TableEntity stored)
    {
        var storedAt = stored.GetDateTimeOffset("ModifiedOn") ?? stored.GetDateTimeOffset("ProfileUpdatedOn");
        if (stored.GetBoolean("Erased") == true)
        {
            // An erasure is undone only by a read of the system of record made after it (both times by this app's clock);
            // a delivery's own times come from Dataverse's clock and cannot be compared with it. Tombstones written
            // before ErasedOn existed carry their time as ModifiedOn.
            var erasedOn = stored.GetDateTimeOffset("ErasedOn") ?? storedAt;
            if (snapshot.ExistenceConfirmedOn is { } confirmed && (erasedOn is null || confirmed > erasedOn))
            {
                return SnapshotWriteResult.Stored;
            }

            return Version(stored.GetString("RowVersion")) is { } last && Version(snapshot.RowVersion) is { } version && version <= last
                ? SnapshotWriteResult.Older
                : SnapshotWriteResult.Erased;
        }

        if (Version(stored.GetString("RowVersion")) is { } s && Version(snapshot.RowVersion) is { } incoming)
        {
            return incoming > s ? SnapshotWriteResult.Stored : incoming == s ? SnapshotWriteResult.Duplicate : SnapshotWriteResult.Older;
        }

        return storedAt is null || snapshot.ModifiedOn > storedAt ? SnapshotWriteResult.Stored
            : snapshot.ModifiedOn == storedAt ? SnapshotWriteResult.Duplicate : SnapshotWriteResult.Older;
    }

    /// <summary>Dataverse row versions are numbers; Web API ETags wrap them as W/"123".</summary>
    private static BigInteger? Version(string? text)
    {
        var digits = new string((text ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        return digits.Length > 0 && BigInteger.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored an older delivery for contact {ContactId}")]
    private static partial void LogStale(ILogger logger, string contactId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote the erasure tombstone of contact {ContactId}")]
    private static partial void LogTombstone(ILogger logger, string contactId);
}
