using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Results;

/// <summary>Declared vs observed prevalence of one trait in one persona.</summary>
/// <param name="Dimension">The dimension.</param>
/// <param name="Key">The trait key.</param>
/// <param name="Declared">Declared prevalence, or null for an undeclared trait.</param>
/// <param name="Count">People showing it.</param>
/// <param name="Observed">Observed prevalence.</param>
/// <param name="IntervalLow">Wilson 95% lower bound.</param>
/// <param name="IntervalHigh">Wilson 95% upper bound.</param>
public sealed record TraitObservation(
    TraitDimension Dimension,
    string Key,
    double? Declared,
    long Count,
    double Observed,
    double IntervalLow,
    double IntervalHigh);
