using System.Collections.Immutable;

namespace CrmPersonCentric.Drift.Results;

/// <summary>The outcome of one evaluation run.</summary>
/// <param name="AsOf">The date the windows end on.</param>
/// <param name="TestsRun">How many hypothesis tests entered the false-discovery-rate control.</param>
/// <param name="Personas">Per-persona figures.</param>
/// <param name="Findings">Findings: drift and insufficient evidence.</param>
/// <param name="Suggestions">Persona revision suggestions, de-duplicated.</param>
/// <param name="SuppressedSuggestions">Suggestions not made because an equivalent one was rejected recently.</param>
public sealed record DriftEvaluation(
    DateTimeOffset AsOf,
    int TestsRun,
    ImmutableArray<PersonaSummary> Personas,
    ImmutableArray<Finding> Findings,
    ImmutableArray<RevisionSuggestion> Suggestions,
    int SuppressedSuggestions)
{
    /// <summary>The drift findings only.</summary>
    public IEnumerable<Finding> Drift => Findings.Where(f => f.Status == FindingStatus.Drift);
}
