using System.Collections.Immutable;

namespace CrmPersonCentric.Model.Taxonomy;

/// <summary>A known messaging theme: its stable key, the label marketing sees, the campaign names that mean it, and what it speaks to.</summary>
/// <param name="Key">Stable key, lower-case words joined by '-' (e.g. "quota-confidence").</param>
/// <param name="Label">Label shown to users.</param>
/// <param name="Synonyms">Other names campaigns use for it.</param>
/// <param name="Dimension">Optionally, the dimension of the trait it addresses.</param>
/// <param name="Trait">Optionally, the key of the trait it addresses (with <paramref name="Dimension"/>).</param>
/// <param name="Layer">Optionally, the messaging layer it speaks to.</param>
public sealed record ThemeEntry(
    string Key,
    string Label,
    ImmutableArray<string> Synonyms,
    TraitDimension? Dimension = null,
    string? Trait = null,
    MessagingLayer? Layer = null);
