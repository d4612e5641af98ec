using System.Collections.Immutable;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Drift.Results;

namespace CrmPersonCentric.Drift.Engine;

/// <summary>One evaluation as the analyzers see it: the population, each persona's shape and base counts, the windows the rules use, every contact's fit.</summary>
internal sealed class EvaluationRun
{
    public EvaluationRun(CompactPopulation population, PersonaShape[] shapes, int[] windows, EvaluationOptions options)
    {
        Population = population;
        Shapes = shapes;
        Windows = windows;
        Options = options;
        Fits = new float[population.Count];
        Counts = [.. shapes.Select(_ => new PersonaCounts(population.Traits.Count))];
        Windowed = [.. shapes.Select(_ => new WindowCounts(population.Traits.Count, windows.Length))];
    }

    public CompactPopulation Population { get; }

    public PersonaShape[] Shapes { get; }

    /// <summary>The window lengths (days) the rules use, 90 always among them; analyzers count per window.</summary>
    public int[] Windows { get; }

    public EvaluationOptions Options { get; }

    /// <summary>Every contact's fit to its persona (NaN when it cannot be computed).</summary>
    public float[] Fits { get; }

    public PersonaCounts[] Counts { get; }

    /// <summary>Each persona's counts per window (current and previous), filled by the single pass.</summary>
    public WindowCounts[] Windowed { get; }

    /// <summary>The run's findings, once adjusted (the summaries read them).</summary>
    public ImmutableArray<Finding> Findings { get; set; } = [];

    public int WindowIndex(int windowDays) => Array.IndexOf(Windows, windowDays);
}
