using System.Globalization;
using System.Numerics;
using Azure;
using Azure.Data.Tables;
using CrmPersonCentric.Dataverse.Steps;
using CrmPersonCentric.Model;
using Microsoft.Extensions.Logging;

namespace CrmPersonCentric.Functions.Storage;

/// <summary>
/// The backend's per-contact state in Azure Tables: snapshots partitioned by persona (the evaluation scan reads one
/// partition per persona), an index row per contact (which partition holds its snapshot, the last row version, and an
/// erasure tombstone), signals partitioned by contact, and suppressions. Every write is idempotent: an older row
/// version than the stored one changes nothing; a delivery after an erasure does not bring the person back.
/// Only normalised trait keys are stored, never the deep desire or emotional stakes text.
/// </summary>
public sealed partial class SnapshotStore(StorageClients storage, PoisonStore poison, ILogger<SnapshotStore> logger, TimeProvider time) : IPersonSnapshotSink
{
    /// <summary>Partition of contacts tagged with no persona.</summary>
    public const string UntaggedPartition = "_untagged";

    private const string IndexRow = "index";
    private const char KeySeparator = '|';

    private TableClient Snapshots => storage.Table(TableNames.Snapshots);

    private TableClient Contacts => storage.Table(TableNames.Contacts);

    private TableClient Signals => storage.Table(TableNames.Signals);

    private TableClient Suppressions => storage.Table(TableNames.Suppressions);

    /// <inheritdoc />
    /// <remarks>
    /// Order matters for concurrent deliveries of one contact: the index row is claimed first (ETag compare-and-swap),
    /// the snapshot row is then written only when it does not already hold a newer version, and a final look at the
    /// index removes the row again if an erasure or a move to another persona happened meanwhile.
    /// </remarks>
    public async Task<SnapshotWriteResult> UpsertSnapshotAsync(PersonSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var contactKey = TableKeys.Encode(snapshot.Profile.ContactId);
        var partition = TableKeys.Encode(snapshot.Profile.PersonaId ?? UntaggedPartition);
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var index = await Contacts.GetEntityIfExistsAsync<TableEntity>(contactKey, IndexRow, cancellationToken: cancellationToken).ConfigureAwait(false);
            var existing = index.HasValue ? index.Value : null;
            if (existing is not null)
            {
                var comparison = Compare(snapshot, existing);
                if (comparison != SnapshotWriteResult.Stored)
                {
                    LogStale(logger, snapshot.Profile.ContactId);
                    return comparison;
                }
            }

            var previousPartition = existing?.GetBoolean("Erased") == true ? null : existing?.GetString("Partition");
            var claim = new TableEntity(contactKey, IndexRow)
            {
                ["ContactId"] = snapshot.Profile.ContactId,
                ["Partition"] = partition,
                ["RowVersion"] = snapshot.RowVersion,
                ["ModifiedOn"] = snapshot.ModifiedOn,
                ["Erased"] = false,
            };
            try
            {
                if (existing is null)
                {
                    await Contacts.AddEntityAsync(claim, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await Contacts.UpdateEntityAsync(claim, existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                continue; // another delivery of this contact claimed the index first: decide again
            }

            await WriteSnapshotIfNewerAsync(ToEntity(snapshot, partition), snapshot, cancellationToken).ConfigureAwait(false);
            if (previousPartition is not null && previousPartition != partition)
            {
                await DeleteIfExistsAsync(Snapshots, previousPartition, contactKey, cancellationToken).ConfigureAwait(false);
            }

            // An erasure or a move to another persona may have claimed the index after us: then our row must go.
            var after = await Contacts.GetEntityIfExistsAsync<TableEntity>(contactKey, IndexRow, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!after.HasValue || after.Value!.GetBoolean("Erased") == true || after.Value.GetString("Partition") != partition)
            {
                await DeleteIfExistsAsync(Snapshots, partition, contactKey, cancellationToken).ConfigureAwait(false);
                return SnapshotWriteResult.Older;
            }

            return SnapshotWriteResult.Stored;
        }

        throw new InvalidOperationException("The contact's snapshot kept changing concurrently; the delivery will be retried.");
    }

    /// <inheritdoc />
    public async Task EraseContactAsync(string contactId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contactId);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var contactKey = TableKeys.Encode(contactId);
        var index = await Contacts.GetEntityIfExistsAsync<TableEntity>(contactKey, IndexRow, cancellationToken: cancellationToken).ConfigureAwait(false);

        // The tombstone goes first (id and time only): from now on no delivery can write this person again.
        await Contacts.UpsertEntityAsync(new TableEntity(contactKey, IndexRow) { ["Erased"] = true, ["ModifiedOn"] = time.GetUtcNow() }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        if (index.HasValue && index.Value!.GetString("Partition") is { } partition)
        {
            await DeleteIfExistsAsync(Snapshots, partition, contactKey, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // No index (lost or never written): only a scan can find a stray snapshot; this path is rare.
            await foreach (var row in Snapshots.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {contactKey}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                await DeleteIfExistsAsync(Snapshots, row.PartitionKey, row.RowKey, cancellationToken).ConfigureAwait(false);
            }
        }

        await DeletePartitionAsync(Signals, contactKey, cancellationToken).ConfigureAwait(false);
        await poison.ForgetContactAsync(contactId, cancellationToken).ConfigureAwait(false);
        LogErased(logger, contactId);
    }

    /// <summary>Streams the contacts that hold a snapshot (not erased), with the partition it sits in.</summary>
    public async IAsyncEnumerable<(string ContactId, string Partition)> IndexedContactsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var row in Contacts.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {IndexRow} and Erased eq {false}"), select: ["PartitionKey", "ContactId", "Partition"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return (row.GetString("ContactId") ?? row.PartitionKey, row.GetString("Partition"));
        }
    }

    /// <summary>True when the contact has been erased (its signals must not be stored again).</summary>
    public async Task<bool> IsErasedAsync(string contactId, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var index = await Contacts.GetEntityIfExistsAsync<TableEntity>(TableKeys.Encode(contactId), IndexRow, select: ["Erased"], cancellationToken: cancellationToken).ConfigureAwait(false);
        return index.HasValue && index.Value!.GetBoolean("Erased") == true;
    }

    private async Task WriteSnapshotIfNewerAsync(TableEntity entity, PersonSnapshot snapshot, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var current = await Snapshots.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                if (!current.HasValue)
                {
                    await Snapshots.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                }
                else if (Compare(snapshot, current.Value!) == SnapshotWriteResult.Stored)
                {
                    await Snapshots.UpdateEntityAsync(entity, current.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // A concurrent writer got there first: look again.
            }
        }
    }

    /// <inheritdoc />
    public async Task RecordSignalAsync(BehaviourSignal signal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (await IsErasedAsync(signal.ContactId, cancellationToken).ConfigureAwait(false))
        {
            return; // the person was erased: a late signal must not bring data about them back
        }

        await Signals.UpsertEntityAsync(ToEntity(signal), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
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

    /// <summary>The stored row version of a contact, or null (unknown or erased).</summary>
    public async Task<(string? RowVersion, bool Erased)?> IndexOfAsync(string contactId, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var index = await Contacts.GetEntityIfExistsAsync<TableEntity>(TableKeys.Encode(contactId), IndexRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return index.HasValue ? (index.Value!.GetString("RowVersion"), index.Value.GetBoolean("Erased") == true) : null;
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

    private static async Task DeleteIfExistsAsync(TableClient table, string partition, string row, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partition, row, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone.
        }
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
