using System.Collections.Immutable;

namespace CrmPersonCentric.Drift.Results;

/// <summary>A group found inside a persona.</summary>
/// <param name="Share">Its share of the persona's people (estimated on the clustering sample).</param>
/// <param name="MeanFit">Mean fit of its members to the current persona definition.</param>
/// <param name="DefiningTraits">The traits that set it apart, most distinctive first.</param>
public sealed record SplitGroup(double Share, double MeanFit, ImmutableArray<TraitShare> DefiningTraits);
