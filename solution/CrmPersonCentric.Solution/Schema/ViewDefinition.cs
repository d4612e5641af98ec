using System.Collections.Immutable;

namespace CrmPersonCentric.Solution.Schema;

/// <summary>A system view (savedquery) of a table.</summary>
/// <param name="Table">The table.</param>
/// <param name="Name">View name.</param>
/// <param name="QueryType">0 public, 1 advanced find, 2 associated, 4 quick find, 64 lookup.</param>
/// <param name="IsDefault">True for the default view of its query type.</param>
/// <param name="Columns">Columns shown, in order (the first is the link to the row).</param>
/// <param name="OrderBy">Sort column, ascending.</param>
/// <param name="Conditions">Equality conditions (column, value), combined with "and".</param>
/// <param name="NotNull">Columns that must hold a value, combined with the conditions by "and".</param>
/// <param name="ThenBy">A second sort column, ascending.</param>
internal sealed record ViewDefinition(
    string Table,
    string Name,
    int QueryType,
    bool IsDefault,
    ImmutableArray<string> Columns,
    string OrderBy,
    ImmutableArray<(string Column, string Value)> Conditions,
    ImmutableArray<string> NotNull = default,
    string? ThenBy = null);
