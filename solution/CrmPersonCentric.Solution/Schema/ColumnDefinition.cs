namespace CrmPersonCentric.Solution.Schema;

/// <summary>A column the solution adds to a table.</summary>
/// <param name="LogicalName">Logical (and schema) name.</param>
/// <param name="DisplayName">Label shown to users.</param>
/// <param name="Description">What the column holds, for the people who fill or read it.</param>
/// <param name="Kind">Column type.</param>
internal sealed record ColumnDefinition(string LogicalName, string DisplayName, string Description, ColumnKind Kind)
{
    /// <summary>Text length in characters (text and memo).</summary>
    public int MaxLength { get; init; }

    /// <summary>Smallest valid value (numbers).</summary>
    public decimal Minimum { get; init; }

    /// <summary>Largest valid value (numbers).</summary>
    public decimal Maximum { get; init; }

    /// <summary>Decimal places (decimal).</summary>
    public int Precision { get; init; }

    /// <summary>The global choice of a choice column.</summary>
    public ChoiceDefinition? Choice { get; init; }

    /// <summary>The referenced table of a lookup.</summary>
    public string? Target { get; init; }

    /// <summary>True when the column is the table's primary name.</summary>
    public bool IsPrimaryName { get; init; }

    /// <summary>True when a value is required (application required).</summary>
    public bool IsRequired { get; init; }

    /// <summary>True when only the backend writes it (shown read-only on forms).</summary>
    public bool IsComputed { get; init; }

    /// <summary>True for a date-only column.</summary>
    public bool DateOnly { get; init; }

    /// <summary>A Yes/No column's default, chosen per column (Dataverse writes it into every new row).</summary>
    public bool? DefaultValue { get; init; }

    /// <summary>
    /// Whether changes are written to the audit log (when the table and the environment audit). Off for machine-written
    /// columns rewritten every run and for a person's trait and desire text: the audit log outlives the record, so
    /// audited personal data would survive the person's erasure.
    /// </summary>
    public bool IsAudited { get; init; } = true;

    /// <summary>
    /// A lookup's delete behaviour (the relationship's CascadeDelete): what happens to this row when the row it points
    /// at is deleted.
    /// </summary>
    public CascadeDelete OnDelete { get; init; } = CascadeDelete.RemoveLink;

    /// <summary>A lookup's label on the referenced table's related menu (default: this table's plural name).</summary>
    public string? RelatedMenuLabel { get; init; }
}
