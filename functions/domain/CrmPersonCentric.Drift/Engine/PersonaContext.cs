using System.Collections.Immutable;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Drift.Rules;

namespace CrmPersonCentric.Drift.Engine;

/// <summary>One persona of a run: what its analyzers' tests and summary rows need.</summary>
/// <param name="Run">The run.</param>
/// <param name="PersonaIndex">The persona's index.</param>
/// <param name="Rules">The enabled rules that apply to it, the persona's own first (the engine's order).</param>
internal sealed record PersonaContext(EvaluationRun Run, int PersonaIndex, ImmutableArray<DriftRule> Rules)
{
    public CompactPopulation Population => Run.Population;

    public PersonaShape Shape => Run.Shapes[PersonaIndex];

    public PersonaCounts Counts => Run.Counts[PersonaIndex];

    public EvaluationOptions Options => Run.Options;

    public int WindowIndex(int windowDays) => Run.WindowIndex(windowDays);

    /// <summary>The rule of a metric whose settings the summary follows (the first in the engine's order), or null.</summary>
    public DriftRule? RuleFor(DriftMetric metric) => Rules.FirstOrDefault(r => r.Metric == metric);

    /// <summary>The share of tagged people with the dimension recorded.</summary>
    public double Coverage(int dimension) => Counts.N == 0 ? 0 : (double)Counts.Recorded[dimension] / Counts.N;
}
