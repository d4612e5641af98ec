using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Model.Fit;

namespace CrmPersonCentric.Application.Contacts;

/// <summary>
/// "A contact's profile changed": compute fit to the tagged persona, store the snapshot (newer versions only), and write
/// back the computed columns whose value differs from what the row holds (never above the depth guard). An erased
/// contact comes back only when the system of record, read after the erasure, still has its row (a restore). The plug-in
/// step calls it for every delivery and the nightly reconciliation for every tagged contact, so a lost delivery and a
/// persona whose definition changed both end with the right columns in the CRM.
/// </summary>
public sealed class RecordProfileChange(IPersonaSource personas, IPeopleStore snapshots, IContactRecords contacts, StepOptions options, TimeProvider time)
{
    // Differences below this are the rounding of the stored decimal, not a change.
    private const double FitTolerance = 0.00005;

    /// <summary>Handles the change.</summary>
    public async Task<ProfileChangeResult> HandleAsync(ProfileChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var contact = change.Contact;
        var (persona, fit) = await FitAsync(contact, cancellationToken).ConfigureAwait(false);
        var stored = await snapshots.UpsertSnapshotAsync(Snapshot(contact, fit, change.LikelyNew, confirmedOn: null), cancellationToken).ConfigureAwait(false);
        var currentIsFresh = change.CurrentIsFresh;
        if (stored == SnapshotWriteResult.Erased)
        {
            // The contact was erased. Only the system of record knows whether it exists again (restored from the recycle
            // bin under the same id) or this is a late delivery about a deleted row: ask it now, whatever the delivery's
            // times say (they come from Dataverse's clock, the erasure from ours). A read made before the erasure, such
            // as the reconciliation's page, does not count, so the read is made here, after it.
            var confirmedOn = time.GetUtcNow();
            if (await contacts.FindAsync(contact.Id, cancellationToken).ConfigureAwait(false) is not { } restored)
            {
                return new(ProfileChangeOutcome.Older, fit, false, 0);
            }

            contact = restored;
            (persona, fit) = await FitAsync(contact, cancellationToken).ConfigureAwait(false);
            stored = await snapshots.UpsertSnapshotAsync(Snapshot(contact, fit, likelyNew: false, confirmedOn), cancellationToken).ConfigureAwait(false);
            currentIsFresh = true;
        }

        if (stored is SnapshotWriteResult.Older or SnapshotWriteResult.Erased)
        {
            return new(ProfileChangeOutcome.Older, fit, false, 0);
        }

        var profile = contact.Profile;
        var newer = stored == SnapshotWriteResult.Stored;
        var current = contact.Current;
        if (stored == SnapshotWriteResult.Duplicate && !currentIsFresh)
        {
            // A retry of a delivery whose write-back may have failed: compare with what the row holds now, not with the
            // image (which predates our own write-back), so a duplicate writes nothing when all is in place.
            if (await contacts.ComputedColumnsAsync(contact.Id, cancellationToken).ConfigureAwait(false) is not { } now)
            {
                return new(ProfileChangeOutcome.Gone, fit, false, 0);
            }

            current = now;
        }

        if (change.Depth > options.MaxWriteBackDepth)
        {
            return new(ProfileChangeOutcome.DepthGuarded, fit, newer, 0);
        }

        var summary = InsightSummary.Build(persona, profile, fit, contact.Problems.Length);
        var fitChanged = current.Fit is null != fit is null || (fit is { } a && current.Fit is { } b && Math.Abs(a - b) > FitTolerance);
        var summaryChanged = !string.Equals(current.Summary, summary, StringComparison.Ordinal);
        if (!fitChanged && !summaryChanged)
        {
            return new(ProfileChangeOutcome.UpToDate, fit, newer, 0);
        }

        var write = new ComputedColumnsChange(fit, fitChanged, summaryChanged ? summary : null, time.GetUtcNow());
        await contacts.WriteComputedColumnsAsync(contact.Id, write, cancellationToken).ConfigureAwait(false);
        return new(ProfileChangeOutcome.WroteBack, fit, newer, write.Count);
    }

    private static PersonSnapshot Snapshot(ContactRecord contact, double? fit, bool likelyNew, DateTimeOffset? confirmedOn) =>
        new(contact.Profile, fit, contact.RowVersion, contact.ModifiedOn ?? contact.Profile.ProfileUpdatedOn, likelyNew, confirmedOn);

    private async Task<(Model.Persona? Persona, double? Fit)> FitAsync(ContactRecord contact, CancellationToken cancellationToken)
    {
        var profile = contact.Profile;
        var persona = profile.PersonaId is { } personaId && Guid.TryParse(personaId, out var pid)
            ? await personas.FindAsync(pid, cancellationToken).ConfigureAwait(false)
            : null;
        var fit = persona is null ? null : PersonaFit.Compute(persona, profile.Traits) is { } f ? Math.Round(f, 4) : (double?)null;
        return (persona, fit);
    }
}
