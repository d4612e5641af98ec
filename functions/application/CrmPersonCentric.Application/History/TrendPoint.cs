using System.Collections.Immutable;

namespace CrmPersonCentric.Application.History;

/// <summary>One persona's headline figures in one run, kept for trends and "what changed".</summary>
/// <param name="AsOf">The run's as-of date.</param>
/// <param name="PersonaId">The persona.</param>
/// <param name="PersonaVersion">Its version at the time.</param>
/// <param name="TaggedPeople">People tagged.</param>
/// <param name="MeanFit">Mean fit.</param>
/// <param name="PoorFitShare">Share of poor fits.</param>
/// <param name="OutsideIcpShare">Share outside the ICP.</param>
/// <param name="DriftFindings">Number of drift findings.</param>
/// <param name="MaxDistance">Largest Jensen–Shannon distance over dimensions.</param>
public sealed record TrendPoint(
    DateTimeOffset AsOf,
    string PersonaId,
    int PersonaVersion,
    long TaggedPeople,
    double MeanFit,
    double PoorFitShare,
    double OutsideIcpShare,
    int DriftFindings,
    double MaxDistance)
{
    /// <summary>The figures drawn as trends: mean fit, coverage per dimension, declared traits and traits with a finding, behaviour shares (empty in points kept before they were).</summary>
    public ImmutableArray<Measure> Measures { get; init; } = [];

    /// <summary>The persona's drift, opportunity and data-quality findings in this run (empty in points kept before they were).</summary>
    public ImmutableArray<FindingState> Findings { get; init; } = [];
}
