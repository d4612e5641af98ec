using System.Collections.Immutable;

namespace CrmPersonCentric.Solution.Schema;

/// <summary>A main form: tabs of sections of fields or code components.</summary>
/// <param name="Table">The table.</param>
/// <param name="Name">Form name.</param>
/// <param name="Tabs">Tabs in order.</param>
internal sealed record FormDefinition(string Table, string Name, ImmutableArray<FormTab> Tabs);
