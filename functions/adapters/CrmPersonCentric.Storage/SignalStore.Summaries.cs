using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Storage;

public sealed partial class SignalStore
{
    /// <summary>The marker row's partition: summaries exist for every contact's signals (written once, after a full build).</summary>
    public const string MarkerPartition = "~meta";

    /// <summary>
    /// The marker row's key, versioned with <see cref="BehaviourSummary.Version"/>: a deployment whose summaries were built
    /// in an earlier format (no themes, functions or referral links) rebuilds them all once, before its first evaluation.
    /// </summary>
    public const string MarkerRow = "summaries-v2";

    // Refreshes of one contact within this instance run one at a time (striped by key); across instances the ETag
    // decides, with a jittered back-off before reading again.
    private readonly SemaphoreSlim[] _refreshStripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    private TableClient Behaviour => storage.Table(TableNames.Behaviour);

    /// <summary>
    /// Rebuilds a contact's behaviour summary from its own signal partition. The write is conditional on the summary row
    /// read before the partition (ETag, or absence), so of two refreshes racing, the one that read less loses and reads
    /// again: the stored summary always covers every signal written before its refresh began.
    /// </summary>
    public async Task RefreshSummaryAsync(string contactId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contactId);
        var key = TableKeys.Encode(contactId);
        var bucket = PeopleStore.BucketOf(key);
        var stripe = _refreshStripes[(uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_refreshStripes.Length];
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await RefreshLockedAsync(contactId, key, bucket, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            stripe.Release();
        }
    }

    private async Task RefreshLockedAsync(string contactId, string key, string bucket, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25 << Math.Min(attempt, 5))), time, cancellationToken).ConfigureAwait(false);
            }

            var existing = await Behaviour.GetEntityIfExistsAsync<TableEntity>(bucket, key, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false);
            var signals = new List<BehaviourSignal>();
            await foreach (var signal in PartitionAsync(key, cancellationToken).ConfigureAwait(false))
            {
                signals.Add(signal);
            }

            try
            {
                if (signals.Count == 0)
                {
                    if (existing.HasValue)
                    {
                        await Behaviour.DeleteEntityAsync(bucket, key, existing.Value!.ETag, cancellationToken).ConfigureAwait(false);
                    }

                    return;
                }

                var entity = SummaryEntity(contactId, signals, time.GetUtcNow());
                if (existing.HasValue)
                {
                    await Behaviour.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await Behaviour.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                }

                // An erasure that ran after we read the partition deleted the signals and the summary before our write:
                // its tombstone is already there, so looking now catches it, and the summary goes again.
                if (await people.IsErasedAsync(contactId, cancellationToken).ConfigureAwait(false))
                {
                    await Behaviour.DeleteEntityAsync(bucket, key, ETag.All, CancellationToken.None).ConfigureAwait(false);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                // Another refresh wrote (or removed) the row since we read it: read both again.
            }
        }

        throw new InvalidOperationException("The contact's behaviour summary kept changing concurrently; the signal will be retried.");
    }

    /// <summary>The behaviour-table row of a contact's signals, as refreshes write it (also what the benchmark seeds).</summary>
    public static TableEntity SummaryEntity(string contactId, IReadOnlyCollection<BehaviourSignal> signals, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var key = TableKeys.Encode(contactId);
        return new TableEntity(PeopleStore.BucketOf(key), key)
        {
            ["ContactId"] = contactId,
            ["Summary"] = BehaviourSummary.Encode(signals),
            ["Signals"] = signals.Count,
            ["Oldest"] = signals.Min(s => s.OccurredOn),
            ["UpdatedOn"] = now,
        };
    }

    /// <summary>
    /// Rebuilds every summary that still holds a signal older than the cutoff (a filter on the summaries' Oldest column:
    /// one pass over the behaviour table, proportional to contacts). A rebuild that fails is left for the next call,
    /// which finds the row again. Returns the summaries rebuilt.
    /// </summary>
    public async Task<int> RefreshSummariesOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var stale = new List<string>();
        await foreach (var row in Behaviour.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Oldest lt {cutoff}"), select: ["ContactId"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.GetString("ContactId") is { Length: > 0 } contactId)
            {
                stale.Add(contactId);
            }
        }

        var rebuilt = 0;
        await Parallel.ForEachAsync(stale, new ParallelOptions { MaxDegreeOfParallelism = PartitionParallelism, CancellationToken = cancellationToken }, async (contactId, ct) =>
        {
            try
            {
                await RefreshSummaryAsync(contactId, ct).ConfigureAwait(false);
                Interlocked.Increment(ref rebuilt);
            }
            catch (Exception ex) when (ex is RequestFailedException or InvalidOperationException)
            {
                // Left for the next call: the filter finds this row again.
            }
        }).ConfigureAwait(false);
        return rebuilt;
    }

    /// <summary>The summaries of one people-table bucket, by contact key (one partition query).</summary>
    public async Task<Dictionary<string, byte[]>> SummariesOfBucketAsync(string bucket, CancellationToken cancellationToken = default)
    {
        var summaries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await foreach (var row in Behaviour.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {bucket}"), select: ["RowKey", "Summary"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.GetBinary("Summary") is { } summary)
            {
                summaries[row.RowKey] = summary;
            }
        }

        return summaries;
    }

    /// <summary>
    /// Makes sure every contact's signals have a summary: once per storage account (a marker row remembers it), for
    /// signals stored before summaries existed, one pass over the signal table builds them. Returns the contacts built.
    /// </summary>
    public async Task<int> EnsureSummariesAsync(CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var marker = await Behaviour.GetEntityIfExistsAsync<TableEntity>(MarkerPartition, MarkerRow, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (marker.HasValue)
        {
            return 0;
        }

        var contacts = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in Signals.QueryAsync<TableEntity>(select: ["ContactId"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.GetString("ContactId") is { Length: > 0 } contactId)
            {
                contacts.Add(contactId);
            }
        }

        await Parallel.ForEachAsync(contacts, new ParallelOptions { MaxDegreeOfParallelism = PartitionParallelism, CancellationToken = cancellationToken },
            async (contactId, ct) => await RefreshSummaryAsync(contactId, ct).ConfigureAwait(false)).ConfigureAwait(false);
        await Behaviour.UpsertEntityAsync(new TableEntity(MarkerPartition, MarkerRow) { ["BuiltOn"] = time.GetUtcNow(), ["Contacts"] = contacts.Count }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return contacts.Count;
    }

    private async IAsyncEnumerable<BehaviourSignal> PartitionAsync(string partition, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in Signals.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: SignalColumns, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (FromEntity(row) is { } signal)
            {
                yield return signal;
            }
        }
    }
}
