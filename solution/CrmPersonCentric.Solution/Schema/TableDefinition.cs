using System.Collections.Immutable;

namespace CrmPersonCentric.Solution.Schema;

/// <summary>A table of the solution: one of ours (created) or a system table we add columns to.</summary>
/// <param name="LogicalName">Logical name.</param>
/// <param name="DisplayName">Singular label.</param>
/// <param name="PluralName">Plural label.</param>
/// <param name="Description">What a row is.</param>
/// <param name="IsCustom">True for a table the solution creates; false for a system table it extends.</param>
/// <param name="UserOwned">True for user/team ownership; false for organization ownership.</param>
/// <param name="Columns">The columns the solution adds (for custom tables, including the primary name).</param>
/// <param name="AlternateKeys">Columns that are single-column alternate keys.</param>
internal sealed record TableDefinition(
    string LogicalName,
    string DisplayName,
    string PluralName,
    string Description,
    bool IsCustom,
    bool UserOwned,
    ImmutableArray<ColumnDefinition> Columns,
    ImmutableArray<string> AlternateKeys)
{
    /// <summary>The primary key column of a custom table.</summary>
    public string PrimaryKey => LogicalName + "id";

    /// <summary>The primary name column.</summary>
    public ColumnDefinition? PrimaryName => Columns.FirstOrDefault(c => c.IsPrimaryName);
}
