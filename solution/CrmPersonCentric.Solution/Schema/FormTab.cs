using System.Collections.Immutable;

namespace CrmPersonCentric.Solution.Schema;

/// <summary>A form tab.</summary>
/// <param name="Name">Tab name (unique on the form).</param>
/// <param name="Label">Tab label.</param>
/// <param name="Sections">Sections in order.</param>
internal sealed record FormTab(string Name, string Label, ImmutableArray<FormSection> Sections);
