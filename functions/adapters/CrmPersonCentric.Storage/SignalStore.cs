using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Model;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Storage;

/// <summary>
/// The signals table: behaviour signals partitioned by contact (erasure deletes one partition), idempotent by signal
/// id. A signal of an erased contact is never stored again. Beside it, the behaviour table: per contact, the compact
/// summary evaluation reads (<see cref="Drift.Population.BehaviourSummary"/>), rebuilt from the contact's own partition whenever its
/// signals change, so evaluation never scans the signal history.
/// </summary>
public sealed partial class SignalStore(StorageClients storage, PeopleStore people, IOptions<StorageOptions> options, TimeProvider time) : ISignalStore
{
    private TableClient Signals => storage.Table(TableNames.Signals);

    /// <inheritdoc />
    public async Task RecordSignalAsync(BehaviourSignal signal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signal);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        if (await people.IsErasedAsync(signal.ContactId, cancellationToken).ConfigureAwait(false))
        {
            // The person was erased: a late signal must not bring data about them back, and what an earlier attempt of
            // this delivery may have left (it failed between its write and its clean-up) goes now.
            await DeleteContactAsync(signal.ContactId, cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await Signals.UpsertEntityAsync(ToEntity(signal), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            await RefreshSummaryAsync(signal.ContactId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await ForgetIfErasedMeanwhileAsync(signal.ContactId, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Contact partitions written at once by <see cref="RecordSignalsAsync"/>.</summary>
    public const int PartitionParallelism = 16;

    /// <summary>
    /// Records many signals, in batches of at most 100 per contact partition, partitions in parallel; returns how many
    /// were dropped because their contact was erased.
    /// </summary>
    public async Task<int> RecordSignalsAsync(IEnumerable<BehaviourSignal> signals, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signals);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var dropped = 0;
        var partitions = signals.GroupBy(s => TableKeys.Encode(s.ContactId)).ToList();
        await Parallel.ForEachAsync(partitions, new ParallelOptions { MaxDegreeOfParallelism = PartitionParallelism, CancellationToken = cancellationToken }, async (partition, ct) =>
        {
            var contactId = partition.First().ContactId;
            if (await people.IsErasedAsync(contactId, ct).ConfigureAwait(false))
            {
                Interlocked.Add(ref dropped, partition.Count());
                await DeleteContactAsync(contactId, ct).ConfigureAwait(false); // what a failed earlier attempt may have left
                return;
            }

            try
            {
                foreach (var chunk in partition.DistinctBy(s => s.Id).Chunk(100))
                {
                    await Signals.SubmitTransactionAsync(chunk.Select(s => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(s))), ct).ConfigureAwait(false);
                }

                await RefreshSummaryAsync(contactId, ct).ConfigureAwait(false);
            }
            finally
            {
                await ForgetIfErasedMeanwhileAsync(contactId, CancellationToken.None).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);

        return dropped;
    }

    /// <summary>Streams the signals that occurred since a moment (all contacts: a scan of the table, for inspection and tests; evaluation reads the summaries).</summary>
    public async IAsyncEnumerable<BehaviourSignal> SignalsSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var row in Signals.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"OccurredOn ge {since}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (FromEntity(row) is { } signal)
            {
                yield return signal;
            }
        }
    }

    /// <summary>Deletes every signal of a contact (erasure).</summary>
    public async Task DeleteContactAsync(string contactId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contactId);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var partition = TableKeys.Encode(contactId);
        var keys = new List<string>();
        await foreach (var row in Signals.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            keys.Add(row.RowKey);
        }

        foreach (var chunk in keys.Chunk(100))
        {
            await Signals.SubmitTransactionAsync(chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, k), ETag.All)), cancellationToken).ConfigureAwait(false);
        }

        await Behaviour.DeleteEntityAsync(PeopleStore.BucketOf(partition), partition, ETag.All, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<int> ApplyRetentionAsync(CancellationToken cancellationToken = default) =>
        ApplyRetentionAsync(TimeSpan.FromDays(options.Value.SignalRetentionDays), cancellationToken);

    /// <summary>Deletes signals older than <paramref name="retention"/>; returns how many.</summary>
    public async Task<int> ApplyRetentionAsync(TimeSpan retention, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var cutoff = time.GetUtcNow() - retention;
        var old = new List<(string Partition, string Row)>();
        await foreach (var row in Signals.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"OccurredOn lt {cutoff}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            old.Add((row.PartitionKey, row.RowKey));
        }

        foreach (var partition in old.GroupBy(o => o.Partition))
        {
            foreach (var chunk in partition.Chunk(100))
            {
                await Signals.SubmitTransactionAsync(chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(k.Partition, k.Row), ETag.All)), cancellationToken).ConfigureAwait(false);
            }

        }

        // Every summary still holding a signal older than the cutoff is rebuilt: the contacts trimmed just now, and any
        // whose rebuild failed on an earlier night (the query finds them again, so a failure heals itself).
        await RefreshSummariesOlderThanAsync(cutoff, cancellationToken).ConfigureAwait(false);
        return old.Count;
    }

    /// <summary>
    /// An erasure that ran between our check and our write has already deleted the signal partition: look again after
    /// writing, and delete what we wrote. Erasure writes its tombstone before deleting, so one of the two always sees
    /// the other.
    /// </summary>
    private async Task ForgetIfErasedMeanwhileAsync(string contactId, CancellationToken cancellationToken)
    {
        if (await people.IsErasedAsync(contactId, cancellationToken).ConfigureAwait(false))
        {
            await DeleteContactAsync(contactId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The signals-table row of a signal, as the store writes it (also what the benchmark seeds).</summary>
    public static TableEntity ToEntity(BehaviourSignal signal) => new(TableKeys.Encode(signal.ContactId), TableKeys.Encode(signal.Id))
    {
        ["SignalId"] = signal.Id,
        ["ContactId"] = signal.ContactId,
        ["Type"] = signal.Type.ToString(),
        ["Layer"] = signal.Layer is { } l ? (int)l : null,
        ["OccurredOn"] = signal.OccurredOn,
        ["Theme"] = signal.Theme,
        ["Source"] = signal.Source is { } source ? (int)source : null,
        // Only a pseudonym of the referred contact: distinct referrals still count, and erasing the referred person
        // leaves no id of theirs in the referrer's partition.
        ["RelatedContactId"] = signal.RelatedContactId is { } related ? Drift.Population.BehaviourSummary.Pseudonymise(related) : null,
    };

    /// <summary>The columns <see cref="FromEntity"/> reads.</summary>
    public static readonly IReadOnlyList<string> SignalColumns = ["RowKey", "PartitionKey", "SignalId", "ContactId", "Type", "Layer", "OccurredOn", "Theme", "Source", "RelatedContactId"];

    /// <summary>A stored signal row as a signal; null for a row whose type or time cannot be read.</summary>
    public static BehaviourSignal? FromEntity(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!Enum.TryParse<BehaviourType>(row.GetString("Type"), out var type) || row.GetDateTimeOffset("OccurredOn") is not { } occurredOn)
        {
            return null;
        }

        var layer = row.GetInt32("Layer");
        var source = row.GetInt32("Source");
        return new BehaviourSignal(
            row.GetString("SignalId") ?? row.RowKey,
            row.GetString("ContactId") ?? row.PartitionKey,
            type,
            occurredOn,
            row.GetString("Theme"),
            layer is { } l ? (MessagingLayer)l : null,
            source is { } s && Enum.IsDefined((SignalSource)s) ? (SignalSource)s : null,
            row.GetString("RelatedContactId"));
    }
}
