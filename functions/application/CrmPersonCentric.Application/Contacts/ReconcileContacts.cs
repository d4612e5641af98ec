using CrmPersonCentric.Application.Ports;
using Microsoft.Extensions.Logging;

namespace CrmPersonCentric.Application.Contacts;

/// <summary>
/// The nightly repair, which makes "nothing lost" true end to end: every tagged contact read from the system of record
/// goes through the same use case as a webhook delivery (<see cref="RecordProfileChange"/>), so a snapshot a lost
/// delivery left stale is rewritten and computed columns that are wrong (a failed write-back, a persona definition that
/// changed since) are written back. Contacts the backend holds but the system of record no longer lists as tagged are
/// re-read: erased when they are gone (a lost delete), moved when they were un-tagged. Then signal retention applies.
/// </summary>
public sealed partial class ReconcileContacts(
    IContactRecords contacts,
    RecordProfileChange profileChanged,
    IPeopleStore people,
    EraseContact erasure,
    ISignalStore signals,
    ILeases leases,
    ILogger<ReconcileContacts> logger)
{
    /// <summary>Contacts handled at once (each is a storage read and at most a storage and a Web API write).</summary>
    public const int Parallelism = 8;

    /// <summary>The lease name: one reconciliation at a time (the timer and ReconcileNow may coincide).</summary>
    public const string LeaseName = "reconcile";

    /// <summary>How long a run may hold the lease before another may take it over.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromHours(2);

    /// <summary>
    /// Runs the repair. A contact that fails (Dataverse or storage unavailable, say) is counted and left for the next
    /// run; the others go on, and retention runs however the rest went.
    /// </summary>
    public async Task<ReconciliationResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var lease = await leases.TryAcquireAsync(LeaseName, LeaseDuration, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            LogSkipped(logger);
            return new ReconciliationResult("skipped: another reconciliation holds the lease", 0, 0, 0, 0, 0, 0);
        }

        try
        {
            var counts = new Counts();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
            try
            {
                await Parallel.ForEachAsync(contacts.TaggedContactsAsync(cancellationToken), parallel, async (contact, ct) =>
                {
                    lock (seen)
                    {
                        seen.Add(contact.Id.ToString("D"));
                    }

                    Interlocked.Increment(ref counts.Checked);
                    await RepairAsync(contact, counts, ct).ConfigureAwait(false);
                }).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Paging stopped (Dataverse unavailable): what was read is repaired; the rest waits for the next run.
                Interlocked.Increment(ref counts.Failed);
                LogPagingFailed(logger, counts.Checked, ExceptionNames.Of(ex));
            }

            await RepairLostDeletesAsync(seen, counts, cancellationToken).ConfigureAwait(false);
            var expired = await signals.ApplyRetentionAsync(cancellationToken).ConfigureAwait(false);
            LogReconciled(logger, counts.Checked, counts.Repaired, counts.WrittenBack, counts.Erased, expired, counts.Failed);
            return new ReconciliationResult(counts.Failed == 0 ? "completed" : "completed with failures", counts.Checked, counts.Repaired, counts.WrittenBack, expired, counts.Erased, counts.Failed);
        }
        finally
        {
            await leases.ReleaseAsync(LeaseName, lease, CancellationToken.None).ConfigureAwait(false);
        }
    }

    // Contacts we hold a tagged snapshot for that the system of record no longer lists as tagged: a lost delete or un-tag.
    private async Task RepairLostDeletesAsync(HashSet<string> seen, Counts counts, CancellationToken cancellationToken)
    {
        await foreach (var (contactId, personaId) in people.IndexedContactsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (personaId is null || seen.Contains(contactId) || !Guid.TryParse(contactId, out var id))
            {
                continue;
            }

            try
            {
                if (await contacts.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } contact)
                {
                    await RepairAsync(contact, counts, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await erasure.EraseAsync(contactId, cancellationToken: cancellationToken).ConfigureAwait(false);
                    counts.Erased++;
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                counts.Failed++;
                LogContactFailed(logger, contactId, ExceptionNames.Of(ex));
            }
        }
    }

    private async Task RepairAsync(ContactRecord contact, Counts counts, CancellationToken cancellationToken)
    {
        try
        {
            var result = await profileChanged.HandleAsync(new ProfileChange(contact, LikelyNew: false, Depth: 0, CurrentIsFresh: true), cancellationToken).ConfigureAwait(false);
            if (result.SnapshotStored)
            {
                Interlocked.Increment(ref counts.Repaired);
            }

            if (result.ColumnsWritten > 0)
            {
                Interlocked.Increment(ref counts.WrittenBack);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref counts.Failed);
            LogContactFailed(logger, contact.Id.ToString("D"), ExceptionNames.Of(ex));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation skipped: another run holds the lease")]
    private static partial void LogSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation could not repair contact {ContactId} ({ExceptionType}); the next run tries again")]
    private static partial void LogContactFailed(ILogger logger, string contactId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation stopped paging tagged contacts after {Checked} ({ExceptionType}); the next run goes on")]
    private static partial void LogPagingFailed(ILogger logger, int @checked, string exceptionType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation checked {Checked} contacts, repaired {Repaired} snapshots, wrote back {WrittenBack} contacts' computed columns, erased {Erased} deleted contacts, deleted {Expired} expired signals, {Failed} failures")]
    private static partial void LogReconciled(ILogger logger, int @checked, int repaired, int writtenBack, int erased, int expired, int failed);

    private sealed class Counts
    {
        public int Checked;
        public int Repaired;
        public int WrittenBack;
        public int Erased;
        public int Failed;
    }
}
