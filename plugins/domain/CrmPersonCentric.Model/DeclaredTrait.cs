namespace CrmPersonCentric.Model;

/// <summary>A trait a persona declares, with the share of its people expected to show it.</summary>
/// <param name="Dimension">The dimension the trait belongs to.</param>
/// <param name="Key">The normalised trait key (see <see cref="Taxonomy.TraitNormalizer"/>).</param>
/// <param name="ExpectedPrevalence">Expected share of the persona's people with this trait, in (0, 1].</param>
public sealed record DeclaredTrait(TraitDimension Dimension, string Key, double ExpectedPrevalence);
