using CrmPersonCentric.Backend.Storage;
using CrmPersonCentric.Dataverse.Ports;
using CrmPersonCentric.Dataverse.UseCases;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Backend.Services;

/// <summary>
/// The nightly repair, which makes "nothing lost" true end to end: every tagged contact read from the system of record
/// goes through the same use case as a webhook delivery (<see cref="ContactProfileChanged"/>), so a snapshot a lost
/// delivery left stale is rewritten and computed columns that are wrong (a failed write-back, a persona definition that
/// changed since) are written back. Contacts the backend holds but the system of record no longer lists as tagged are
/// re-read: erased when they are gone (a lost delete), moved when they were un-tagged. Then signal retention applies.
/// </summary>
public sealed partial class ReconciliationService(
    IContactRecords contacts,
    ContactProfileChanged profileChanged,
    PeopleStore people,
    IContactErasure erasure,
    SignalStore signals,
    IOptions<StorageOptions> storage,
    ILogger<ReconciliationService> logger)
{
    /// <summary>Contacts handled at once (each is a storage read and at most a storage and a Web API write).</summary>
    public const int Parallelism = 8;

    /// <summary>Runs the repair.</summary>
    public async Task<ReconciliationResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var counts = new Counts();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(contacts.TaggedContactsAsync(cancellationToken), parallel, async (contact, ct) =>
        {
            lock (seen)
            {
                seen.Add(contact.Id.ToString("D"));
            }

            Interlocked.Increment(ref counts.Checked);
            await RepairAsync(contact, counts, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);

        // Contacts we hold a tagged snapshot for that the system of record no longer lists as tagged: a lost delete or un-tag.
        await foreach (var (contactId, personaId) in people.IndexedContactsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (personaId is null || seen.Contains(contactId) || !Guid.TryParse(contactId, out var id))
            {
                continue;
            }

            if (await contacts.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } contact)
            {
                await RepairAsync(contact, counts, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await erasure.EraseContactAsync(contactId, cancellationToken).ConfigureAwait(false);
                counts.Erased++;
            }
        }

        var expired = await signals.ApplyRetentionAsync(TimeSpan.FromDays(storage.Value.SignalRetentionDays), cancellationToken).ConfigureAwait(false);
        LogReconciled(logger, counts.Checked, counts.Repaired, counts.WrittenBack, counts.Erased, expired);
        return new ReconciliationResult(counts.Checked, counts.Repaired, counts.WrittenBack, expired, counts.Erased);
    }

    private async Task RepairAsync(ContactRecord contact, Counts counts, CancellationToken cancellationToken)
    {
        var result = await profileChanged.HandleAsync(new ContactProfileChange(contact, LikelyNew: false, Depth: 0, CurrentIsFresh: true), cancellationToken).ConfigureAwait(false);
        if (result.SnapshotStored)
        {
            Interlocked.Increment(ref counts.Repaired);
        }

        if (result.ColumnsWritten > 0)
        {
            Interlocked.Increment(ref counts.WrittenBack);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation checked {Checked} contacts, repaired {Repaired} snapshots, wrote back {WrittenBack} contacts' computed columns, erased {Erased} deleted contacts, deleted {Expired} expired signals")]
    private static partial void LogReconciled(ILogger logger, int @checked, int repaired, int writtenBack, int erased, int expired);

    private sealed class Counts
    {
        public int Checked;
        public int Repaired;
        public int WrittenBack;
        public int Erased;
    }
}
