using System.Collections.Immutable;

namespace CrmPersonCentric.Drift.Results;

/// <summary>The outcome of one evaluation run.</summary>
/// <param name="AsOf">The date the windows end on.</param>
/// <param name="TestsRun">How many hypothesis tests entered the false-discovery-rate control.</param>
/// <param name="Personas">Per-persona figures.</param>
/// <param name="Findings">Findings: drift and insufficient evidence.</param>
/// <param name="Suggestions">Persona revision suggestions, de-duplicated.</param>
/// <param name="SuppressedSuggestions">Suggestions not made because an equivalent one was rejected recently.</param>
/// <param name="Worklists">Per persona, the tagged contacts whose missing dimensions would most strengthen its evidence.</param>
public sealed record DriftEvaluation(
    DateTimeOffset AsOf,
    int TestsRun,
    ImmutableArray<PersonaSummary> Personas,
    ImmutableArray<Finding> Findings,
    ImmutableArray<RevisionSuggestion> Suggestions,
    int SuppressedSuggestions,
    ImmutableArray<EnrichmentWorklist> Worklists)
{
    /// <summary>The drift findings only.</summary>
    public IEnumerable<Finding> Drift => Findings.Where(f => f.Status == FindingStatus.Drift);

    /// <summary>The data-quality findings (thin evidence; never drift).</summary>
    public IEnumerable<Finding> DataQuality => Findings.Where(f => f.Status == FindingStatus.DataQuality);

    /// <summary>The opportunities (themes that land, concentrated advocacy; never drift).</summary>
    public IEnumerable<Finding> Opportunities => Findings.Where(f => f.Status == FindingStatus.Opportunity);

    /// <summary>What stays open after the run: drift, data-quality findings and opportunities.</summary>
    public IEnumerable<Finding> Open => Findings.Where(f => f.Status is FindingStatus.Drift or FindingStatus.DataQuality or FindingStatus.Opportunity);
}
