namespace CrmPersonCentric.Application.Revisions;

/// <summary>What became of a decided persona revision.</summary>
public enum RevisionOutcome
{
    /// <summary>Accepted and applied to the persona as a new version; the revision is marked Applied.</summary>
    Applied,

    /// <summary>Applied by an earlier delivery whose marking failed: now marked Applied, not applied twice.</summary>
    AlreadyApplied,

    /// <summary>Accepted, but it changes people rather than the definition (a split, a tagging change): it stays Accepted.</summary>
    NothingToApply,

    /// <summary>Rejected: equivalent suggestions are suppressed for a while.</summary>
    Suppressed,

    /// <summary>Neither accepted nor rejected (now): nothing to do.</summary>
    Undecided,

    /// <summary>Its persona no longer exists.</summary>
    PersonaGone,

    /// <summary>It lacks what the decision needs (<see cref="RevisionResult.Missing"/>).</summary>
    Incomplete,
}
