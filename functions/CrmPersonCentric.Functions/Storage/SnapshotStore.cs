using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using CrmPersonCentric.Dataverse.Steps;
using CrmPersonCentric.Model;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;

namespace CrmPersonCentric.Functions.Storage;

/// <summary>
/// The backend's per-contact state in Azure Tables: one row per contact in the people table, which is either the
/// contact's snapshot (persona, normalised trait keys, row version) or, after an erasure, a tombstone (id and time
/// only). Rows are partitioned into 64 buckets by a hash of the contact id, so a contact's whole state is one row
/// changed by one conditional write: an older row version than the stored one changes nothing, concurrent
/// deliveries and erasures are decided by the row's ETag, and a delivery after an erasure does not bring the person
/// back. Signals are partitioned by contact; suppressions have their own table. Only normalised trait keys are
/// stored, never the deep desire or emotional stakes text.
/// </summary>
public sealed partial class SnapshotStore(StorageClients storage, PoisonStore poison, ILogger<SnapshotStore> logger, TimeProvider time) : IPersonSnapshotSink, IDisposable
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

    private TableClient Signals => storage.Table(TableNames.Signals);

    private TableClient Suppressions => storage.Table(TableNames.Suppressions);

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

    private static readonly string[] KnownColumns = ["RowVersion", "ModifiedOn", "ProfileUpdatedOn", "Erased"];

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

    /// <inheritdoc />
    /// <remarks>
    /// The tombstone replaces the snapshot in one write (no window in which a snapshot and a tombstone coexist, and
    /// any delivery that read the row before now fails its conditional write); then the contact's signals and kept
    /// poison bodies go.
    /// </remarks>
    public async Task EraseContactAsync(string contactId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contactId);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var contactKey = TableKeys.Encode(contactId);
        var tombstone = new TableEntity(BucketOf(contactKey), contactKey) { ["ContactId"] = contactId, ["Erased"] = true, ["ModifiedOn"] = time.GetUtcNow() };
        _known.Remove(contactKey);
        await People.UpsertEntityAsync(tombstone, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        _known.Remove(contactKey);
        await DeletePartitionAsync(Signals, contactKey, cancellationToken).ConfigureAwait(false);
        await poison.ForgetContactAsync(contactId, cancellationToken).ConfigureAwait(false);
        LogErased(logger, contactId);
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

    /// <inheritdoc />
    public async Task RecordSignalAsync(BehaviourSignal signal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (await IsErasedAsync(signal.ContactId, cancellationToken).ConfigureAwait(false))
        {
            return; // the person was erased: a late signal must not bring data about them back
        }

        await Signals.UpsertEntityAsync(ToEntity(signal), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        await ForgetIfErasedMeanwhileAsync(signal.ContactId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// An erasure that ran between our check and our write has already deleted the signal partition: look again after
    /// writing, and delete what we wrote. Erasure writes its tombstone before deleting, so one of the two always sees
    /// the other.
    /// </summary>
    private async Task ForgetIfErasedMeanwhileAsync(string contactId, CancellationToken cancellationToken)
    {
        if (await IsErasedAsync(contactId, cancellationToken).ConfigureAwait(false))
        {
            await DeletePartitionAsync(Signals, TableKeys.Encode(contactId), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Records many signals, in batches of at most 100 per contact partition; erased contacts' signals are dropped.</summary>
    public async Task<int> RecordSignalsAsync(IEnumerable<BehaviourSignal> signals, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signals);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var dropped = 0;
        foreach (var partition in signals.GroupBy(s => TableKeys.Encode(s.ContactId)))
        {
            if (await IsErasedAsync(partition.First().ContactId, cancellationToken).ConfigureAwait(false))
            {
                dropped += partition.Count();
                continue;
            }

            foreach (var chunk in partition.DistinctBy(s => s.Id).Chunk(100))
            {
                await Signals.SubmitTransactionAsync(chunk.Select(s => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(s))), cancellationToken).ConfigureAwait(false);
            }

            await ForgetIfErasedMeanwhileAsync(partition.First().ContactId, cancellationToken).ConfigureAwait(false);
        }

        return dropped;
    }

    /// <inheritdoc />
    public async Task SuppressSuggestionAsync(string suggestionKey, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(suggestionKey);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await Suppressions.UpsertEntityAsync(new TableEntity("suggestion", TableKeys.Encode(suggestionKey)) { ["Key"] = suggestionKey, ["Until"] = until }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Keys of suggestions suppressed now.</summary>
    public async Task<HashSet<string>> SuppressedKeysAsync(CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in Suppressions.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"suggestion"} and Until gt {now}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            keys.Add(row.GetString("Key"));
        }

        return keys;
    }

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
            return storedAt is null || snapshot.ModifiedOn > storedAt ? SnapshotWriteResult.Stored : SnapshotWriteResult.Older;
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

    private static async Task DeletePartitionAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            keys.Add(row.RowKey);
        }

        foreach (var chunk in keys.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, k), ETag.All)), cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored an older delivery for contact {ContactId}")]
    private static partial void LogStale(ILogger logger, string contactId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Erased contact {ContactId}")]
    private static partial void LogErased(ILogger logger, string contactId);
}
