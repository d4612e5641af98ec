namespace CrmPersonCentric.Solution.Schema;

/// <summary>
/// What deleting the referenced row does to the rows that point at it (a 1:N relationship's CascadeDelete, as the
/// solution schema spells it).
/// </summary>
internal enum CascadeDelete
{
    /// <summary>The referencing rows are deleted with it (parental: a table has at most one such relationship).</summary>
    Cascade,

    /// <summary>The lookup on the referencing rows is emptied.</summary>
    RemoveLink,

    /// <summary>The referenced row cannot be deleted while rows point at it.</summary>
    Restrict,
}
