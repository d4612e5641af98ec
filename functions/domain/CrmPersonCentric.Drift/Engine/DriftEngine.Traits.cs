using System.Globalization;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Drift.Statistics;
using CrmPersonCentric.Model;
using MathNet.Numerics.Distributions;

namespace CrmPersonCentric.Drift.Engine;

public sealed partial class DriftEngine
{
    /// <summary>
    /// Trait prevalence tests on the people recorded in each dimension. A declared prevalence p is a share of all the
    /// persona's people; among the people with the dimension recorded it is expected at p / r, r being the share that
    /// has any declared trait of it under the declaration (<see cref="PersonaShape.ExpectedRecordedShare"/>). Tests run on
    /// that scale (the binomial n is the recorded n); evidence is reported back on the scale of all people (× r).
    /// </summary>
    private static void AddTraitCandidates(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates)
    {
        var persona = context.Shape.Persona;
        var catalog = context.Population.Traits;
        foreach (var dimension in DimensionsOf(rule))
        {
            var d = (int)dimension;
            var n = context.Stats.Recorded[d];
            if (n < rule.MinimumSample)
            {
                candidates.Add(Insufficient(rule, persona, n, dimension));
                continue;
            }

            var r = context.Shape.ExpectedRecordedShare[d];
            var coverage = Coverage(context, d);
            var caveat = RecordedBias(context, dimension);
            for (var t = 0; t < catalog.Count; t++)
            {
                if (catalog.DimensionOf(t) != dimension)
                {
                    continue;
                }

                var declared = context.Shape.Weights[t];
                var count = context.Stats.TraitCounts[t];
                var key = catalog[t].Key;
                var share = (double)count / n;
                var interval = WilsonInterval.Compute(count, n);
                var observed = share * r;
                if (rule.Metric == DriftMetric.EmergingTrait)
                {
                    if (declared > 0 || count == 0)
                    {
                        continue;
                    }

                    var threshold = rule.Threshold;
                    var index = tests.Register(
                        string.Create(CultureInfo.InvariantCulture, $"emerging:{context.PersonaIndex}:{t}:{threshold:R}"),
                        () => ProportionTest.Greater(count, n, Math.Min(threshold / r, 0.999)));
                    candidates.Add(new Candidate(rule, persona, dimension, key, null,
                        new Evidence(n, observed, threshold, interval.Low * r, interval.High * r, "z", tests[index].Statistic, tests[index].PValue, null, rule.MinimumSample, coverage, caveat),
                        observed, observed > threshold, index));
                    continue;
                }

                if (declared <= 0)
                {
                    continue;
                }

                var expected = Math.Min(declared / r, 0.999);
                var test = tests.Register(
                    string.Create(CultureInfo.InvariantCulture, $"declared:{context.PersonaIndex}:{t}"),
                    () => ProportionTest.TwoSided(count, n, expected));
                var ratio = observed / declared;
                var effect = rule.Metric == DriftMetric.StaleTrait ? ratio : Math.Abs(observed - declared);
                var meets = rule.Metric == DriftMetric.StaleTrait
                    ? ratio <= rule.Threshold
                    : Math.Abs(observed - declared) >= rule.Threshold;
                candidates.Add(new Candidate(rule, persona, dimension, key, null,
                    new Evidence(n, observed, declared, interval.Low * r, interval.High * r, "z", tests[test].Statistic, tests[test].PValue, null, rule.MinimumSample, coverage, caveat),
                    effect, meets, test));
            }
        }
    }

    /// <summary>
    /// The Jensen–Shannon distance of a dimension, calibrated: the observed distance minus the median distance the
    /// declaration itself gives at the recorded n (a parametric bootstrap, deterministic per persona, dimension and n),
    /// so that a threshold means the same at n = 60 and n = 6,000; its p-value (the share of bootstrap distances at or
    /// above the observed one) joins the run's false-discovery-rate control.
    /// </summary>
    private static void AddDistanceCandidates(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates)
    {
        var persona = context.Shape.Persona;
        foreach (var dimension in DimensionsOf(rule))
        {
            var n = context.Stats.Recorded[(int)dimension];
            if (n < rule.MinimumSample)
            {
                candidates.Add(Insufficient(rule, persona, n, dimension));
                continue;
            }

            var distance = CalibratedDistance(context, dimension);
            var index = tests.Register(
                string.Create(CultureInfo.InvariantCulture, $"distance:{context.PersonaIndex}:{dimension}"),
                () => new TestResult(distance.Raw, distance.PValue));
            candidates.Add(new Candidate(rule, persona, dimension, null, null,
                new Evidence(n, distance.Calibrated, rule.Threshold, null, null, "JS distance", distance.Raw, tests[index].PValue, null, rule.MinimumSample,
                    Coverage(context, (int)dimension), RecordedBias(context, dimension)),
                distance.Calibrated, distance.Calibrated >= rule.Threshold, index));
        }
    }

    private static void AddStabilityCandidates(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates)
    {
        var persona = context.Shape.Persona;
        var w = context.WindowIndex(rule.WindowDays);
        var stats = context.Stats;
        foreach (var dimension in DimensionsOf(rule))
        {
            var people = Math.Min(stats.CurrentRecorded[w][(int)dimension], stats.PreviousRecorded[w][(int)dimension]);
            if (people < rule.MinimumSample)
            {
                candidates.Add(Insufficient(rule, persona, people, dimension));
                continue;
            }

            var (psi, bins, previousMentions, currentMentions) = Stability(context, dimension, w);
            if (bins < 2 || previousMentions == 0 || currentMentions == 0)
            {
                continue;
            }

            // Under no shift, PSI / (1/N + 1/M) is approximately χ² with B − 1 degrees of freedom (Yurdakul 2018).
            var index = tests.Register(
                string.Create(CultureInfo.InvariantCulture, $"psi:{context.PersonaIndex}:{dimension}:{rule.WindowDays}"),
                () => new TestResult(psi, 1 - ChiSquared.CDF(bins - 1, psi / ((1.0 / previousMentions) + (1.0 / currentMentions)))));
            candidates.Add(new Candidate(rule, persona, dimension, null, null,
                new Evidence(people, psi, rule.Threshold, null, null, "PSI", psi, tests[index].PValue, null, rule.MinimumSample),
                psi, psi >= rule.Threshold, index));
        }
    }

    /// <summary>The share of tagged people with the dimension recorded.</summary>
    internal static double Coverage(PersonaContext context, int dimension) =>
        context.Stats.N == 0 ? 0 : (double)context.Stats.Recorded[dimension] / context.Stats.N;

    /// <summary>Jensen–Shannon distance of a dimension as observed, uncalibrated (the report's dimension table).</summary>
    internal static double DimensionDistance(PersonaContext context, TraitDimension dimension) => CalibratedDistance(context, dimension).Raw;

    /// <summary>
    /// Bins of a dimension: its declared traits, the undeclared ones seen at least <see cref="LongTailCount"/> times, and
    /// one "other" bin pooling the rarer ones (the long tail of free text). Expected: the declared prevalences among
    /// recorded people, 0 for frequent undeclared traits, and for "other" its own observed share (a rare phrase is
    /// something to watch, not evidence that the declared mix moved). Observed: counts over the recorded n.
    /// </summary>
    internal static (double Raw, double Calibrated, double PValue) CalibratedDistance(PersonaContext context, TraitDimension dimension)
    {
        var d = (int)dimension;
        return context.Stats.Distances[d] ??= ComputeDistance(context, dimension);
    }

    private static (double Raw, double Calibrated, double PValue) ComputeDistance(PersonaContext context, TraitDimension dimension)
    {
        var catalog = context.Population.Traits;
        var d = (int)dimension;
        var n = context.Stats.Recorded[d];
        if (n == 0)
        {
            return (0, 0, 1);
        }

        var r = context.Shape.ExpectedRecordedShare[d];
        var longTail = LongTailCount(n);
        var expected = new List<double>();
        var observed = new List<double>();
        double otherCount = 0;
        for (var t = 0; t < catalog.Count; t++)
        {
            if (catalog.DimensionOf(t) != dimension)
            {
                continue;
            }

            var weight = context.Shape.Weights[t];
            var count = context.Stats.TraitCounts[t];
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
        var random = new Random(StableSeed(context.Shape.Persona.Id, d, n));
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

    /// <summary>Undeclared traits seen fewer times than this go to a dimension's "other" bin: 2% of the recorded people, at least 5.</summary>
    internal static long LongTailCount(long recorded) => Math.Max(5, (long)Math.Ceiling(0.02 * recorded));

    private const int BootstrapSamples = 199;

    /// <summary>A seed that depends only on the persona, the dimension and the recorded n (FNV-1a), so a run is reproducible.</summary>
    private static int StableSeed(string personaId, int dimension, long n)
    {
        unchecked
        {
            var hash = 2166136261u;
            foreach (var ch in personaId)
            {
                hash = (hash ^ ch) * 16777619u;
            }

            hash = (hash ^ (uint)dimension) * 16777619u;
            hash = (hash ^ (uint)n) * 16777619u;
            hash = (hash ^ (uint)(n >> 32)) * 16777619u;
            return (int)(hash & 0x7FFFFFFF);
        }
    }

    /// <summary>PSI of a dimension's trait mentions, previous window vs current window.</summary>
    internal static (double Psi, int Bins, long PreviousMentions, long CurrentMentions) Stability(PersonaContext context, TraitDimension dimension, int windowIndex)
    {
        var catalog = context.Population.Traits;
        var previous = new List<double>();
        var current = new List<double>();
        long previousTotal = 0, currentTotal = 0;
        double previousOther = 0, currentOther = 0;
        var longTail = LongTailCount(context.Stats.Recorded[(int)dimension]);
        for (var t = 0; t < catalog.Count; t++)
        {
            if (catalog.DimensionOf(t) != dimension)
            {
                continue;
            }

            var before = context.Stats.PreviousTraitCounts[windowIndex][t];
            var now = context.Stats.CurrentTraitCounts[windowIndex][t];
            if (before == 0 && now == 0)
            {
                continue;
            }

            previousTotal += before;
            currentTotal += now;
            if (context.Shape.Weights[t] <= 0 && context.Stats.TraitCounts[t] < longTail)
            {
                previousOther += before;
                currentOther += now;
                continue;
            }

            previous.Add(before);
            current.Add(now);
        }

        if (previousOther > 0 || currentOther > 0)
        {
            previous.Add(previousOther);
            current.Add(currentOther);
        }

        return (PopulationStabilityIndex.Compute(previous.ToArray(), current.ToArray()), previous.Count, previousTotal, currentTotal);
    }
}
