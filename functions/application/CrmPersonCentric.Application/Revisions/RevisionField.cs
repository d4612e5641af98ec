namespace CrmPersonCentric.Application.Revisions;

/// <summary>A field of a persona revision that a decision needs.</summary>
public enum RevisionField
{
    /// <summary>The key equivalent suggestions share (what a rejection suppresses).</summary>
    Key,

    /// <summary>The persona it revises.</summary>
    Persona,

    /// <summary>The kind of change.</summary>
    Type,
}
