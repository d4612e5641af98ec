using System.Collections.Immutable;

namespace CrmPersonCentric.Solution.Schema;

/// <summary>A main form: tabs of sections of fields, an optional web resource panel and OnLoad handler.</summary>
/// <param name="Table">The table.</param>
/// <param name="Name">Form name.</param>
/// <param name="Tabs">Tabs in order.</param>
/// <param name="OnLoad">The OnLoad handler (library web resource and function), if any.</param>
internal sealed record FormDefinition(string Table, string Name, ImmutableArray<FormTab> Tabs, (string Library, string Function)? OnLoad = null);
