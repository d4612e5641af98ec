using System.Collections.Immutable;

namespace CrmPersonCentric.Model.Taxonomy;

/// <summary>A known trait: its stable key, the label users see, and the phrasings that mean the same.</summary>
/// <param name="Dimension">The dimension the trait belongs to.</param>
/// <param name="Key">Stable key, lower-case words joined by '-' (e.g. "missing-quota").</param>
/// <param name="Label">Label shown to users (e.g. "Missing quota").</param>
/// <param name="Synonyms">Other phrasings that normalise to this key.</param>
/// <param name="Generic">True for a generic buzzword ("innovation", "efficiency"): true of almost anyone, so a persona declaring it says nothing (the depth check flags it).</param>
public sealed record TaxonomyEntry(TraitDimension Dimension, string Key, string Label, ImmutableArray<string> Synonyms, bool Generic = false);
