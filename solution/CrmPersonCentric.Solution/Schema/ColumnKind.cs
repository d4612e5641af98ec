namespace CrmPersonCentric.Solution.Schema;

/// <summary>The column types the solution uses, each with its customizations.xml attribute type.</summary>
internal enum ColumnKind
{
    /// <summary>Single line of text (nvarchar).</summary>
    Text,

    /// <summary>Multiple lines of text (ntext).</summary>
    Memo,

    /// <summary>Whole number (int).</summary>
    WholeNumber,

    /// <summary>Decimal number (decimal).</summary>
    Decimal,

    /// <summary>Date and time (datetime).</summary>
    DateTime,

    /// <summary>Yes/no (bit).</summary>
    Boolean,

    /// <summary>Choice bound to a global choice (picklist).</summary>
    Choice,

    /// <summary>Choices bound to a global choice (multiselectpicklist).</summary>
    MultiChoice,

    /// <summary>Lookup to one table (lookup), with its one-to-many relationship.</summary>
    Lookup,
}
