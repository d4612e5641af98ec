namespace CrmPersonCentric.Model.Taxonomy;

/// <summary>The result of normalising one free-text trait.</summary>
/// <param name="Dimension">The dimension it was normalised in.</param>
/// <param name="Key">The stable key.</param>
/// <param name="Label">The taxonomy label, or the cleaned text for a candidate.</param>
/// <param name="IsCandidate">True when the taxonomy does not know the trait yet (kept: emerging traits start this way).</param>
public sealed record NormalizedTrait(TraitDimension Dimension, string Key, string Label, bool IsCandidate);
