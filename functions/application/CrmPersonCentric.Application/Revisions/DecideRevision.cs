using System.Globalization;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Drift.Suggestions;

namespace CrmPersonCentric.Application.Revisions;

/// <summary>
/// "A marketing lead decided a persona revision". Accepted: apply it to the persona as a new version with a change-log
/// line ending in the revision's key (optimistic concurrency on the persona), then mark the revision Applied. Rejected:
/// suppress equivalent suggestions for the configured period. The decision is read again from the system of record (a
/// replay must see what the row says now, not what the event carried); replays are harmless: a key already in the
/// change log is not applied twice.
/// </summary>
public sealed class DecideRevision(IPersonaRevisions revisions, IPersonaRecords personas, ISuggestionSuppressions suppressions, StepOptions options, TimeProvider time)
{
    /// <summary>Acts on the revision's current decision.</summary>
    public async Task<RevisionResult> HandleAsync(PersonaRevisionRecord revision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(revision);
        var decision = await revisions.DecisionAsync(revision.Id, cancellationToken).ConfigureAwait(false);
        return decision switch
        {
            RevisionDecision.Accepted => await ApplyAsync(revision, cancellationToken).ConfigureAwait(false),
            RevisionDecision.Rejected => await SuppressAsync(revision, cancellationToken).ConfigureAwait(false),
            _ => RevisionResult.Of(RevisionOutcome.Undecided, string.Create(CultureInfo.InvariantCulture, $"Decision is {decision?.ToString() ?? "not set"}; nothing to do.")),
        };
    }

    private async Task<RevisionResult> SuppressAsync(PersonaRevisionRecord revision, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(revision.Key))
        {
            return new(RevisionOutcome.Incomplete, "The rejected revision has no key.", [RevisionField.Key]);
        }

        var until = time.GetUtcNow().AddDays(options.RejectionSuppressionDays);
        await suppressions.SuppressAsync(revision.Key, until, cancellationToken).ConfigureAwait(false);
        return RevisionResult.Of(RevisionOutcome.Suppressed, string.Create(CultureInfo.InvariantCulture, $"Equivalent suggestions are suppressed until {until:yyyy-MM-dd}."));
    }

    private async Task<RevisionResult> ApplyAsync(PersonaRevisionRecord revision, CancellationToken cancellationToken)
    {
        if (revision.PersonaId is not { } personaId || revision.Type is not { } type)
        {
            return new(RevisionOutcome.Incomplete, "The accepted revision lacks its persona or type.",
                [.. new[] { revision.PersonaId is null ? RevisionField.Persona : (RevisionField?)null, revision.Type is null ? RevisionField.Type : null }.OfType<RevisionField>()]);
        }

        var record = await personas.FindRecordAsync(personaId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return RevisionResult.Of(RevisionOutcome.PersonaGone, "The revision's persona no longer exists.");
        }

        var key = revision.Key ?? revision.Id.ToString("D");
        if (record.ChangeLog.Contains($"[{key}]", StringComparison.Ordinal))
        {
            // Applied before, but marking the revision Applied failed: finish that, do not apply twice.
            await revisions.MarkAppliedAsync(revision.Id, cancellationToken).ConfigureAwait(false);
            return RevisionResult.Of(RevisionOutcome.AlreadyApplied, "Already applied; marked the revision Applied.");
        }

        var change = new RevisionChange(type, revision.Dimension, revision.Subject, revision.ProposedValue, revision.Details);
        var (updated, description) = PersonaRevisionApplier.Apply(record.Persona, change, time.GetUtcNow());
        if (updated is null)
        {
            // Splits and tagging changes need people, not a definition change: the revision stays Accepted.
            return RevisionResult.Of(RevisionOutcome.NothingToApply, "Nothing to apply to the definition: " + description);
        }

        var log = (record.ChangeLog.Length > 0 ? record.ChangeLog + "\n" : string.Empty) + description + $" [{key}]";
        await personas.SaveVersionAsync(record, updated, log, cancellationToken).ConfigureAwait(false);
        await revisions.MarkAppliedAsync(revision.Id, cancellationToken).ConfigureAwait(false);
        return RevisionResult.Of(RevisionOutcome.Applied, "Applied: " + description);
    }
}
