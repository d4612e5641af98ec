using System.Collections.Immutable;

namespace CrmPersonCentric.Import.Sample;

/// <summary>A group of people inside a persona's true population.</summary>
/// <param name="Weight">Relative size of the group.</param>
/// <param name="Traits">Its true trait prevalences.</param>
public sealed record GroupSpec(double Weight, ImmutableArray<TraitSpec> Traits);
