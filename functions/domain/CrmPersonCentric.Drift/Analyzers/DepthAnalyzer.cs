using System.Collections.Immutable;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Model.Depth;

namespace CrmPersonCentric.Drift.Analyzers;

/// <summary>The persona depth check (summary rows only): what makes the definition too thin to act on, given how many of its people are profiled and how much drift is open.</summary>
public sealed class DepthAnalyzer : DriftAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DriftMetric> Metrics { get; } = [];

    internal override PersonaSummary Summarize(PersonaContext context, PersonaSummary summary)
    {
        var persona = context.Shape.Persona;
        var drift = context.Run.Findings.Count(f => f.PersonaId == persona.Id && f.Status == FindingStatus.Drift);
        return summary with
        {
            Depth = PersonaDepth.Check(persona, context.Options.Taxonomy, new DepthEvidence(context.Counts.AnyRecorded, drift, context.Population.AsOf)),
        };
    }
}
