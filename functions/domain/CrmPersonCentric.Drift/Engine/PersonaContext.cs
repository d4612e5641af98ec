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

    private readonly RecordingFit?[] _recording = new RecordingFit?[Model.TraitDimensions.Count];

    /// <summary>How completely the persona's people have a dimension recorded (fitted once per run).</summary>
    public RecordingFit Recording(int dimension) => _recording[dimension] ??= RecordingFit.Of(this, dimension);

    /// <summary>The persona's recording factor over its modelled dimensions (weighted by their people), 1 when none is.</summary>
    public double PersonaFactor()
    {
        double weighted = 0, people = 0;
        for (var d = 0; d < Model.TraitDimensions.Count; d++)
        {
            if (Shape.DeclaredMassByDimension[d] > 0 && Recording(d) is { Modelled: true } fit)
            {
                weighted += fit.Factor * fit.N;
                people += fit.N;
            }
        }

        return people == 0 ? 1 : weighted / people;
    }

    /// <summary>The share of tagged people with the dimension recorded.</summary>
    public double Coverage(int dimension) => Counts.N == 0 ? 0 : (double)Counts.Recorded[dimension] / Counts.N;
}
