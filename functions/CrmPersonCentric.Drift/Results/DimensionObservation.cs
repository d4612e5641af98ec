using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Results;

/// <summary>Dimension-level figures of one persona.</summary>
/// <param name="Dimension">The dimension.</param>
/// <param name="JensenShannonDistance">Distance between declared weights and observed prevalence.</param>
/// <param name="PopulationStabilityIndex">PSI between previous and current window, when both have people.</param>
public sealed record DimensionObservation(TraitDimension Dimension, double JensenShannonDistance, double? PopulationStabilityIndex);
