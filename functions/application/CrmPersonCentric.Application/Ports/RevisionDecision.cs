namespace CrmPersonCentric.Application.Ports;

/// <summary>Where a marketing lead's decision on a revision stands.</summary>
public enum RevisionDecision
{
    /// <summary>Not decided yet.</summary>
    Proposed,

    /// <summary>Accepted: to be applied as a new persona version.</summary>
    Accepted,

    /// <summary>Rejected: equivalent suggestions are suppressed for a while.</summary>
    Rejected,

    /// <summary>Accepted and applied.</summary>
    Applied,
}
