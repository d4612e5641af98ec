using System.Collections.Immutable;

namespace CrmPersonCentric.Solution.Schema;

/// <summary>A form section.</summary>
/// <param name="Name">Section name (unique on the form).</param>
/// <param name="Label">Section label.</param>
/// <param name="Fields">Fields in order, one per row.</param>
/// <param name="Component">A code component shown in the section instead of fields.</param>
internal sealed record FormSection(string Name, string Label, ImmutableArray<FormField> Fields, ComponentPlacement? Component = null);
