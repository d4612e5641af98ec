using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Results;

/// <summary>A trait and the share of a group that shows it.</summary>
/// <param name="Dimension">The trait's dimension.</param>
/// <param name="Key">The trait key.</param>
/// <param name="Share">Share of the group with the trait.</param>
public sealed record TraitShare(TraitDimension Dimension, string Key, double Share);
