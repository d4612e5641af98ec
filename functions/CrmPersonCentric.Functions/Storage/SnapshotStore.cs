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
public sealed partial class SnapshotStore(StorageClients storage, ILogger<SnapshotStore> logger, TimeProvider time) : IPersonSnapshotSink
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
    public async Task<bool> UpsertSnapshotAsync(PersonSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var contactKey = TableKeys.Encode(snapshot.Profile.ContactId);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var index = await Contacts.GetEntityIfExistsAsync<TableEntity>(contactKey, IndexRow, cancellationToken: cancellationToken).ConfigureAwait(false);
            var existing = index.HasValue ? index.Value : null;
            if (existing is not null && !IsNewer(snapshot, existing))
            {
                LogStale(logger, snapshot.Profile.ContactId);
                return false;
            }

            var partition = TableKeys.Encode(snapshot.Profile.PersonaId ?? UntaggedPartition);
            var previousPartition = existing?.GetString("Partition");
            var entity = ToEntity(snapshot, partition);
            await Snapshots.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            var newIndex = new TableEntity(contactKey, IndexRow)
            {
                ["Partition"] = partition,
                ["RowVersion"] = snapshot.RowVersion,
                ["ModifiedOn"] = snapshot.ModifiedOn,
                ["Erased"] = false,
            };
            try
            {
                if (existing is null)
                {
                    await Contacts.AddEntityAsync(newIndex, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await Contacts.UpdateEntityAsync(newIndex, existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another delivery of the same contact won the race: read again and decide again.
                continue;
            }

            if (previousPartition is not null && previousPartition != partition)
            {
                await DeleteIfExistsAsync(Snapshots, previousPartition, contactKey, cancellationToken).ConfigureAwait(false);
            }

            return true;
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
        if (index.HasValue && index.Value!.GetString("Partition") is { } partition)
        {
            await DeleteIfExistsAsync(Snapshots, partition, contactKey, cancellationToken).ConfigureAwait(false);
        }

        // A snapshot may sit in any persona partition if the index was lost: sweep them all for this contact.
        await foreach (var row in Snapshots.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {contactKey}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            await DeleteIfExistsAsync(Snapshots, row.PartitionKey, row.RowKey, cancellationToken).ConfigureAwait(false);
        }

        await DeletePartitionAsync(Signals, contactKey, cancellationToken).ConfigureAwait(false);
        // The tombstone keeps only the id and the time, so a late delivery of an older update cannot resurrect the person.
        await Contacts.UpsertEntityAsync(new TableEntity(contactKey, IndexRow) { ["Erased"] = true, ["ModifiedOn"] = time.GetUtcNow() }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        LogErased(logger, contactId);
    }

    /// <inheritdoc />
    public async Task RecordSignalAsync(BehaviourSignal signal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signal);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await Signals.UpsertEntityAsync(ToEntity(signal), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records many signals, in batches of at most 100 per contact partition.</summary>
    public async Task RecordSignalsAsync(IEnumerable<BehaviourSignal> signals, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signals);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        foreach (var partition in signals.GroupBy(s => TableKeys.Encode(s.ContactId)))
        {
            foreach (var chunk in partition.DistinctBy(s => s.Id).Chunk(100))
            {
                await Signals.SubmitTransactionAsync(chunk.Select(s => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(s))), cancellationToken).ConfigureAwait(false);
            }
        }
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

    /// <summary>True when the snapshot is newer than what the index holds (row version first, then modification time).</summary>
    private static bool IsNewer(PersonSnapshot snapshot, TableEntity index)
    {
        var storedAt = index.GetDateTimeOffset("ModifiedOn");
        if (index.GetBoolean("Erased") == true)
        {
            return storedAt is null || snapshot.ModifiedOn > storedAt;
        }

        var stored = index.GetString("RowVersion");
        if (Version(stored) is { } s && Version(snapshot.RowVersion) is { } incoming)
        {
            return incoming > s;
        }

        return storedAt is null || snapshot.ModifiedOn > storedAt;
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
