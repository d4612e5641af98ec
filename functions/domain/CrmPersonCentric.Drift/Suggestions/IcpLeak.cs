using System.Collections.Immutable;

namespace CrmPersonCentric.Drift.Suggestions;

/// <summary>Where a persona's people outside its ICP come from, and how well they fit.</summary>
/// <param name="InsideMeanFit">Mean fit of people inside the ICP.</param>
/// <param name="OutsideMeanFit">Mean fit of people outside it.</param>
/// <param name="Industries">Industries outside the filter, most common first.</param>
/// <param name="Regions">Regions outside the filter, most common first.</param>
/// <param name="BelowMinEmployees">People from accounts smaller than the filter allows.</param>
/// <param name="AboveMaxEmployees">People from accounts larger than the filter allows.</param>
public sealed record IcpLeak(
    double InsideMeanFit,
    double OutsideMeanFit,
    ImmutableArray<string> Industries,
    ImmutableArray<string> Regions,
    long BelowMinEmployees,
    long AboveMaxEmployees);
