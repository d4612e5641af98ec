using System.Runtime.CompilerServices;
using System.Collections.Immutable;
using System.Globalization;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Drift.Statistics;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;
using MathNet.Numerics.Distributions;

namespace CrmPersonCentric.Drift.Analyzers;

/// <summary>
/// A dimension as a whole: its mix of traits against the declared one (the Jensen–Shannon distance, calibrated against
/// what chance gives at the recorded n) and its shift between the previous and the current window (PSI). Its findings
/// back the trait suggestions of their dimension; its summary rows are the report's dimension table, with the candidate
/// traits the taxonomy does not know yet.
/// </summary>
public sealed class DistributionAnalyzer : DriftAnalyzer
{
    /// <summary>Candidate traits listed per dimension in the summary.</summary>
    private const int CandidatesPerDimension = 10;

    private const int BootstrapSamples = 199;

    private EvaluationRun _run = null!;

    /// <summary>Per persona and dimension, the calibrated distance once computed (the tests and the summary share it).</summary>
    private (double Raw, double Calibrated, double PValue)?[][] _distances = [];

    /// <summary>Per trait of the run's catalog, whether the taxonomy lacks its key (looked up once per run, not per persona).</summary>
    private bool[]? _unknown;

    /// <inheritdoc />
    public override ImmutableArray<DriftMetric> Metrics { get; } = [DriftMetric.DistributionDistance, DriftMetric.PopulationStability];

    internal override void Begin(EvaluationRun run)
    {
        _run = run;
        _distances = [.. run.Shapes.Select(_ => new (double, double, double)?[TraitDimensions.Count])];
        _unknown = null;
    }

    internal override void AddCandidates(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates)
    {
        if (rule.Metric == DriftMetric.DistributionDistance)
        {
            AddDistanceCandidates(context, rule, tests, candidates);
        }
        else
        {
            AddStabilityCandidates(context, rule, tests, candidates);
        }
    }

    /// <summary>
    /// The Jensen–Shannon distance of a dimension, calibrated: the observed distance minus the median distance the
    /// declaration itself gives at the recorded n (a parametric bootstrap, deterministic per persona, dimension and n),
    /// so that a threshold means the same at n = 60 and n = 6,000; its p-value (the share of bootstrap distances at or
    /// above the observed one) joins the run's false-discovery-rate control.
    /// </summary>
    private void AddDistanceCandidates(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates)
    {
        var persona = context.Shape.Persona;
        foreach (var dimension in DimensionsOf(rule))
        {
            var n = context.Counts.Recorded[(int)dimension];
            if (n < rule.MinimumSample)
            {
                candidates.Add(Insufficient(rule, persona, n, dimension));
                continue;
            }

            var distance = CalibratedDistance(context, dimension);
            var index = tests.Register(
                new TestKey("distance", context.PersonaIndex, Index: (int)dimension),
                () => new TestResult(distance.Raw, distance.PValue));
            candidates.Add(new Candidate(rule, persona, dimension, null, null,
                new Evidence(n, distance.Calibrated, rule.Threshold, null, null, "JS distance", distance.Raw, tests[index].PValue, null, rule.MinimumSample,
                    context.Coverage((int)dimension), CoverageAnalyzer.RecordedBias(context, dimension)),
                distance.Calibrated, distance.Calibrated >= rule.Threshold, index));
        }
    }

    private void AddStabilityCandidates(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates)
    {
        var persona = context.Shape.Persona;
        var w = context.WindowIndex(rule.WindowDays);
        var counts = _run.Windowed[context.PersonaIndex];
        foreach (var dimension in DimensionsOf(rule))
        {
            var people = Math.Min(counts.CurrentRecorded[w][(int)dimension], counts.PreviousRecorded[w][(int)dimension]);
            if (people < rule.MinimumSample)
            {
                candidates.Add(Insufficient(rule, persona, people, dimension));
                continue;
            }

            var (psi, bins, previousMentions, currentMentions, behind) = Stability(context, dimension, w);
            if (bins < 2 || previousMentions == 0 || currentMentions == 0)
            {
                continue;
            }

            // Under no shift, PSI / (1/N + 1/M) is approximately χ² with B − 1 degrees of freedom (Yurdakul 2018). N and M
            // are the people of each window, not their trait mentions: a person's traits are not independent draws, so
            // counting mentions overstated the evidence.
            var previousPeople = counts.PreviousRecorded[w][(int)dimension];
            var currentPeople = counts.CurrentRecorded[w][(int)dimension];
            var index = tests.Register(
                new TestKey("psi", context.PersonaIndex, Index: (int)dimension, A: rule.WindowDays),
                () => new TestResult(psi, 1 - ChiSquared.CDF(bins - 1, psi / ((1.0 / previousPeople) + (1.0 / currentPeople)))));
            // The trait that moved most is named (as the label; the finding's id stays the dimension's, stable across runs).
            candidates.Add(new Candidate(rule, persona, dimension, null, behind is null ? null : context.Options.Taxonomy.LabelOf(dimension, behind),
                new Evidence(people, psi, rule.Threshold, null, null, "PSI", psi, tests[index].PValue, null, rule.MinimumSample),
                psi, psi >= rule.Threshold, index));
        }
    }

    internal override string Headline(Candidate candidate, TraitTaxonomy taxonomy)
    {
        var dimension = candidate.Dimension?.ToDisplayName().ToLowerInvariant();
        return candidate.Rule.Metric == DriftMetric.DistributionDistance
            ? $"Its people's {dimension} no longer match the mix the persona declares."
            : candidate.SubjectLabel is { } behind
                ? $"The {dimension} of people tagged in the last {candidate.Rule.WindowDays} days differ from those tagged before, '{behind}' most."
                : $"The {dimension} of people tagged in the last {candidate.Rule.WindowDays} days differ from those tagged before.";
    }

    internal override string Rationale(Candidate candidate, TraitTaxonomy taxonomy)
    {
        var e = candidate.Evidence;
        var (persona, _, dimension, _, _, _, caveat) = Wording.Parts(candidate, taxonomy);
        return candidate.Rule.Metric == DriftMetric.DistributionDistance
            ? $"The {dimension} of the {Wording.People(e.N)} tagged '{persona}' with {dimension} recorded no longer look like the declared ones: the Jensen–Shannon distance is {Wording.F(e.Statistic)}, {Wording.F(e.Observed)} beyond what chance gives at this n (threshold {Wording.F(e.Expected)}; {Wording.QIs(e.QValue)}). Rare phrasings are pooled and do not count. The trait findings of this dimension say where.{caveat}"
            : $"The {dimension} of people profiled in the last {candidate.Rule.WindowDays} days differ from the {candidate.Rule.WindowDays} days before (PSI {Wording.F(e.Observed)}, threshold {Wording.F(e.Expected)}; {Wording.QIs(e.QValue)}): who gets tagged '{persona}' is changing.";
    }

    /// <summary>A dimension's shift is no change of its own: it backs the trait suggestions of its dimension.</summary>
    internal override int SuggestionPriority(DriftMetric metric) => 9;

    /// <summary>The dimension table: distance, stability, coverage, the recorded-people caveat and candidate traits per dimension.</summary>
    internal override PersonaSummary Summarize(PersonaContext context, PersonaSummary summary)
    {
        var stabilityWindow = context.RuleFor(DriftMetric.PopulationStability)?.WindowDays ?? 90;
        return summary with { Dimensions = [.. TraitDimensions.All.Select(d => Dimension(context, d, stabilityWindow))] };
    }

    private DimensionObservation Dimension(PersonaContext context, TraitDimension dimension, int stabilityWindow)
    {
        var d = (int)dimension;
        var recorded = context.Counts.Recorded[d];
        var n = context.Counts.N;
        var coverage = n == 0 ? new Interval(0, 0) : WilsonInterval.Compute(recorded, n);
        var distance = CalibratedDistance(context, dimension);
        return new DimensionObservation(
            dimension,
            Math.Round(distance.Raw, 4),
            StabilityOrNull(context, dimension, context.WindowIndex(stabilityWindow)),
            recorded,
            n == 0 ? 0 : Math.Round((double)recorded / n, 4),
            Math.Round(coverage.Low, 4),
            Math.Round(coverage.High, 4),
            Math.Round(distance.Calibrated, 4),
            CoverageAnalyzer.RecordedBias(context, dimension),
            CandidateTraits(context, dimension));
    }

    /// <summary>The most frequent undeclared traits of a dimension that the taxonomy does not know, each with its nearest key.</summary>
    private ImmutableArray<CandidateTrait> CandidateTraits(PersonaContext context, TraitDimension dimension)
    {
        var catalog = context.Population.Traits;
        var taxonomy = context.Options.Taxonomy;
        var unknown = _unknown ??= [.. Enumerable.Range(0, catalog.Count).Select(t => taxonomy.FindByKey(catalog.DimensionOf(t), catalog[t].Key) is null)];
        // The most frequent first, ties by key: kept as a short ordered list while the dimension's traits go by (at 1M
        // contacts thousands of rare phrasings qualify and only the first few are shown).
        var found = new List<(int Trait, int Count)>(CandidatesPerDimension + 1);
        foreach (var t in catalog.IdsOf(dimension))
        {
            var count = context.Counts.TraitCounts[t];
            if (count > 0 && unknown[t] && context.Shape.Weights[t] <= 0
                && (found.Count < CandidatesPerDimension || Before((t, count), found[^1], catalog)))
            {
                var at = found.Count;
                while (at > 0 && Before((t, count), found[at - 1], catalog))
                {
                    at--;
                }

                found.Insert(at, (t, count));
                if (found.Count > CandidatesPerDimension)
                {
                    found.RemoveAt(found.Count - 1);
                }
            }
        }

        return [.. found.Select(f =>
        {
            var key = catalog[f.Trait].Key;
            var near = NearKeys.Find(taxonomy, dimension, key);
            return new CandidateTrait(dimension, key, f.Count, near?.Entry.Key, near?.Entry.Label, near is { } m ? Math.Round(m.Distance, 3) : null);
        })];
    }

    private static bool Before((int Trait, int Count) a, (int Trait, int Count) b, Population.TraitCatalog catalog) =>
        a.Count > b.Count || (a.Count == b.Count && string.CompareOrdinal(catalog[a.Trait].Key, catalog[b.Trait].Key) < 0);

    /// <summary>Undeclared traits seen fewer times than this go to a dimension's "other" bin: 2% of the recorded people, at least 5.</summary>
    internal static long LongTailCount(long recorded) => Math.Max(5, (long)Math.Ceiling(0.02 * recorded));

    /// <summary>
    /// Bins of a dimension: its declared traits, the undeclared ones seen at least <see cref="LongTailCount"/> times, and
    /// one "other" bin pooling the rarer ones (the long tail of free text). Expected: the declared prevalences among
    /// recorded people under the dimension's recording factor (<see cref="RecordingFit.Scale"/>), 0 for frequent undeclared traits, and for "other" its own observed share (a rare phrase is
    /// something to watch, not evidence that the declared mix moved). Observed: counts over the recorded n. Computed
    /// once per persona and dimension (the tests and the summary share it).
    /// </summary>
    private (double Raw, double Calibrated, double PValue) CalibratedDistance(PersonaContext context, TraitDimension dimension) =>
        _distances[context.PersonaIndex][(int)dimension] ??= ComputeDistance(context, dimension);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double Raw, double Calibrated, double PValue) ComputeDistance(PersonaContext context, TraitDimension dimension)
    {
        var catalog = context.Population.Traits;
        var d = (int)dimension;
        var n = context.Counts.Recorded[d];
        if (n == 0)
        {
            return (0, 0, 1);
        }

        var r = context.Recording(d).Scale;
        var longTail = LongTailCount(n);
        var expected = new List<double>();
        var observed = new List<double>();
        double otherCount = 0;
        foreach (var t in catalog.IdsOf(dimension))
        {
            var weight = context.Shape.Weights[t];
            var count = context.Counts.TraitCounts[t];
            if (weight > 0)
            {
                expected.Add(Math.Min(weight / r, 1));
                observed.Add((double)count / n);
            }
            else if (count >= longTail)
            {
                expected.Add(0);
                observed.Add((double)count / n);
            }
            else
            {
                otherCount += count;
            }
        }

        var other = otherCount / n;
        expected.Add(other);
        observed.Add(other);
        var e = expected.ToArray();
        var raw = JensenShannon.Distance(e, observed.ToArray());

        // Parametric bootstrap under the declaration: each bin's count ~ Binomial(n, expected share).
        var random = new Random(StableSeed.Of(context.Shape.Persona.Id, [(uint)d, (uint)n, (uint)(n >> 32)]));
        var simulated = new double[e.Length];
        var distances = new double[BootstrapSamples];
        var atLeast = 0;
        for (var b = 0; b < BootstrapSamples; b++)
        {
            for (var i = 0; i < e.Length; i++)
            {
                simulated[i] = BinomialDraw.Sample(random, e[i], n) / (double)n;
            }

            distances[b] = JensenShannon.Distance(e, simulated);
            if (distances[b] >= raw - 1e-12)
            {
                atLeast++;
            }
        }

        Array.Sort(distances);
        var median = distances[BootstrapSamples / 2];

        // Beyond every bootstrap distance, the empirical p-value stops at 1/(B + 1); the tail of a normal fitted to the
        // bootstrap distances keeps resolving there, so a large drift can pass the run's FDR control among many tests.
        var pValue = (atLeast + 1.0) / (BootstrapSamples + 1);
        if (atLeast == 0)
        {
            var mean = distances.Average();
            var sd = Math.Sqrt(distances.Sum(x => (x - mean) * (x - mean)) / (BootstrapSamples - 1));
            pValue = sd > 0 ? Math.Min(pValue, 1 - Normal.CDF(mean, sd, raw)) : 0;
        }

        return (raw, Math.Max(0, raw - median), pValue);
    }

    /// <summary>The dimension's PSI between the windows, its bins and mentions, and the trait that moved most (the largest term, pooled rare phrasings aside).</summary>
    private (double Psi, int Bins, long PreviousMentions, long CurrentMentions, string? Behind) Stability(PersonaContext context, TraitDimension dimension, int windowIndex)
    {
        var catalog = context.Population.Traits;
        var counts = _run.Windowed[context.PersonaIndex];
        var previous = new List<double>();
        var current = new List<double>();
        var keys = new List<string>();
        long previousTotal = 0, currentTotal = 0;
        double previousOther = 0, currentOther = 0;
        var longTail = LongTailCount(context.Counts.Recorded[(int)dimension]);
        foreach (var t in catalog.IdsOf(dimension))
        {
            var before = counts.PreviousTraitCounts[windowIndex][t];
            var now = counts.CurrentTraitCounts[windowIndex][t];
            if (before == 0 && now == 0)
            {
                continue;
            }

            previousTotal += before;
            currentTotal += now;
            if (context.Shape.Weights[t] <= 0 && context.Counts.TraitCounts[t] < longTail)
            {
                previousOther += before;
                currentOther += now;
                continue;
            }

            previous.Add(before);
            current.Add(now);
            keys.Add(catalog[t].Key);
        }

        if (previousOther > 0 || currentOther > 0)
        {
            previous.Add(previousOther);
            current.Add(currentOther);
        }

        var before0 = previous.ToArray();
        var now0 = current.ToArray();
        string? behind = null;
        if (keys.Count > 0)
        {
            double sumBefore = before0.Sum() + (PopulationStabilityIndex.Smoothing * before0.Length), sumNow = now0.Sum() + (PopulationStabilityIndex.Smoothing * now0.Length);
            var largest = Enumerable.Range(0, keys.Count).MaxBy(i =>
            {
                var e = (before0[i] + PopulationStabilityIndex.Smoothing) / sumBefore;
                var a = (now0[i] + PopulationStabilityIndex.Smoothing) / sumNow;
                return (a - e) * Math.Log(a / e);
            });
            behind = keys[largest];
        }

        return (PopulationStabilityIndex.Compute(before0, now0), previous.Count, previousTotal, currentTotal, behind);
    }

    private double? StabilityOrNull(PersonaContext context, TraitDimension dimension, int windowIndex)
    {
        var counts = _run.Windowed[context.PersonaIndex];
        if (counts.CurrentPeople[windowIndex] == 0 || counts.PreviousPeople[windowIndex] == 0)
        {
            return null;
        }

        var (psi, bins, _, _, _) = Stability(context, dimension, windowIndex);
        return bins == 0 ? null : Math.Round(psi, 4);
    }
}
