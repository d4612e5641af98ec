using CrmPersonCentric.Drift.Statistics;

namespace CrmPersonCentric.Drift.Engine;

/// <summary>
/// How completely one persona's people have one dimension recorded (<see cref="RecordingModel"/>), fitted once per run:
/// the dimension's recording factor, whether it is clearly short of complete, and each declared trait's test against it.
/// With fewer than two declared traits the factor cannot be told from the traits' prevalence, and with two it rests on
/// how many people have both; complete recording is assumed (the engine's behaviour before the model) until the data
/// clearly say otherwise: the fitted factor must beat complete recording at p &lt; 0.001.
/// </summary>
internal sealed class RecordingFit
{
    /// <summary>Declared traits needed before recording is modelled.</summary>
    public const int TraitsModelled = 2;

    /// <summary>A factor at or under this is reported as under-recording (when also clearly below 1).</summary>
    public const double UnderRecordedFactor = 0.85;

    /// <summary>The likelihood ratio against complete recording the fitted factor must reach before it is used: χ²₁ at p = 0.001.</summary>
    public const double ClearStatistic = 10.83;

    private readonly TraitTest?[] _tests;

    private RecordingFit(int[] declared, double[] weights, long[] counts, long n, Func<double>? undeclaredScale = null)
    {
        Declared = declared;
        Weights = weights;
        Counts = counts;
        N = n;
        _tests = new TraitTest?[declared.Length];
        Factor = 1;
        Departing = [];
        if (declared.Length >= TraitsModelled && n > 0)
        {
            var departing = RecordingModel.Departing(weights, counts, n);
            var fitted = RecordingModel.Fit(weights, counts, n, departing);
            LikelihoodRatio = Math.Max(0, 2 * (fitted.LogLikelihood - RecordingModel.Fit(weights, counts, n, departing, complete: true).LogLikelihood));
            if (LikelihoodRatio >= ClearStatistic)
            {
                Factor = fitted.Factor;
                Departing = departing;
                Modelled = true;
            }
        }

        RecordedShare = declared.Length == 0 ? 1 : Math.Max(RecordingModel.RecordedShare(Factor, weights), 1e-6);
        Scale = declared.Length == 0 && undeclaredScale is not null ? undeclaredScale() : RecordedShare / Factor;
    }

    /// <summary>The declared trait ids of the dimension.</summary>
    public int[] Declared { get; }

    /// <summary>Their declared prevalences.</summary>
    public double[] Weights { get; }

    /// <summary>People with each declared trait recorded.</summary>
    public long[] Counts { get; }

    /// <summary>People with at least one declared trait of the dimension recorded (whom the model conditions on).</summary>
    public long N { get; }

    /// <summary>The dimension's recording factor ρ̂ (1 when not modelled).</summary>
    public double Factor { get; }

    /// <summary>The declared traits (positions) that clearly leave the common factor: free when the others are tested.</summary>
    public int[] Departing { get; }

    /// <summary>2·(ℓ(ρ̂) − ℓ(1)): how clearly recording falls short of complete (0 with fewer than two declared traits).</summary>
    public double LikelihoodRatio { get; }

    /// <summary>The share of asked people expected to have a declared trait recorded under the factor: 1 − Π(1 − ρ̂·w).</summary>
    public double RecordedShare { get; }

    /// <summary>
    /// From a share among the people with the dimension recorded to a prevalence among all people: × recorded share ÷ ρ̂
    /// (the declared traits' recorded share under complete recording when not modelled). A dimension the persona
    /// declares nothing in has no declared share to go by: its people with the dimension recorded are taken over the
    /// enriched people (those with anything recorded), divided by the persona's recording factor, which understates a
    /// trait when enriched people skip the dimension (a conservative reading for an "add this trait" suggestion).
    /// </summary>
    public double Scale { get; }

    /// <summary>True when recording is modelled: enough declared traits, and a factor clearly short of complete.</summary>
    public bool Modelled { get; }

    /// <summary>True when every declared trait falls short alike, clearly and markedly: a data-quality finding, not drift.</summary>
    public bool UnderRecorded => Modelled && Factor <= UnderRecordedFactor;

    /// <summary>A declared trait's test against the common factor (modelled dimensions only).</summary>
    public TraitTest Test(int traitId)
    {
        var i = Array.IndexOf(Declared, traitId);
        return _tests[i] ??= RecordingModel.Test(Weights, Counts, N, Departing, i);
    }

    /// <summary>The fit of one persona's dimension.</summary>
    public static RecordingFit Of(PersonaContext context, int dimension)
    {
        var catalog = context.Population.Traits;
        var weights = context.Shape.Weights;
        var ids = catalog.IdsOf((Model.TraitDimension)dimension);
        var declared = new List<int>();
        foreach (var t in ids)
        {
            if (weights[t] > 0)
            {
                declared.Add(t);
            }
        }

        return new RecordingFit(
            [.. declared],
            [.. declared.Select(t => weights[t])],
            [.. declared.Select(t => (long)context.Counts.TraitCounts[t])],
            context.Counts.RecordedDeclared[dimension],
            () => context.Counts.AnyRecorded == 0 ? 1 : (double)context.Counts.Recorded[dimension] / context.Counts.AnyRecorded / context.PersonaFactor());
    }
}
