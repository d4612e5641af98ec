using System.Collections.Immutable;

namespace CrmPersonCentric.Solution.Schema;

/// <summary>A main form: tabs of sections of fields or code components.</summary>
/// <param name="Table">The table.</param>
/// <param name="Name">Form name.</param>
/// <param name="Tabs">Tabs in order.</param>
internal sealed record FormDefinition(string Table, string Name, ImmutableArray<FormTab> Tabs)
{
    /// <summary>
    /// The roles the form is shown to, first in the table's form order; empty: everyone, as the table's fallback form
    /// (the form of a table of ours).
    /// </summary>
    public ImmutableArray<RoleDefinition> ForRoles { get; init; } = [];
}
