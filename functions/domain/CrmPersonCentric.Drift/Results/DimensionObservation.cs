using System.Collections.Immutable;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Results;

/// <summary>Dimension-level figures of one persona.</summary>
/// <param name="Dimension">The dimension.</param>
/// <param name="JensenShannonDistance">Distance between declared weights and observed prevalence (rare phrasings pooled), as observed.</param>
/// <param name="PopulationStabilityIndex">PSI between previous and current window, when both have people.</param>
/// <param name="Recorded">Tagged people with at least one trait of the dimension recorded: every figure of the dimension rests on them.</param>
/// <param name="Coverage">Their share of the tagged people.</param>
/// <param name="CoverageLow">Wilson 95% lower bound of the coverage.</param>
/// <param name="CoverageHigh">Wilson 95% upper bound of the coverage.</param>
/// <param name="CalibratedDistance">The distance beyond what the declaration itself gives at this n (what the rule's threshold applies to).</param>
/// <param name="Caveat">When recorded people differ markedly from the others in behaviour: what that means for the figures.</param>
/// <param name="CandidateTraits">The most frequent undeclared phrasings the taxonomy does not know, with a near key when one exists.</param>
public sealed record DimensionObservation(
    TraitDimension Dimension,
    double JensenShannonDistance,
    double? PopulationStabilityIndex,
    long Recorded,
    double Coverage,
    double CoverageLow,
    double CoverageHigh,
    double CalibratedDistance,
    string? Caveat,
    ImmutableArray<CandidateTrait> CandidateTraits);
