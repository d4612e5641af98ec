using System.Globalization;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Drift.Statistics;
using CrmPersonCentric.Model;
using MathNet.Numerics.Distributions;

namespace CrmPersonCentric.Drift.Engine;

public sealed partial class DriftEngine
{
    private static void AddTraitCandidates(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates)
    {
        var persona = context.Shape.Persona;
        var n = context.Stats.N;
        if (n < rule.MinimumSample)
        {
            candidates.Add(Insufficient(rule, persona, n, rule.Dimension));
            return;
        }

        var catalog = context.Population.Traits;
        foreach (var dimension in DimensionsOf(rule))
        {
            for (var t = 0; t < catalog.Count; t++)
            {
                if (catalog.DimensionOf(t) != dimension)
                {
                    continue;
                }

                var declared = context.Shape.Weights[t];
                var count = context.Stats.TraitCounts[t];
                var key = catalog[t].Key;
                var observed = (double)count / n;
                var interval = WilsonInterval.Compute(count, n);
                if (rule.Metric == DriftMetric.EmergingTrait)
                {
                    if (declared > 0 || count == 0)
                    {
                        continue;
                    }

                    var threshold = rule.Threshold;
                    var index = tests.Register(
                        string.Create(CultureInfo.InvariantCulture, $"emerging:{context.PersonaIndex}:{t}:{threshold:R}"),
                        () => ProportionTest.Greater(count, n, threshold));
                    candidates.Add(new Candidate(rule, persona, dimension, key, null,
                        new Evidence(n, observed, threshold, interval.Low, interval.High, "z", tests[index].Statistic, tests[index].PValue, null, rule.MinimumSample),
                        observed, observed > threshold, index));
                    continue;
                }

                if (declared <= 0)
                {
                    continue;
                }

                var test = tests.Register(
                    string.Create(CultureInfo.InvariantCulture, $"declared:{context.PersonaIndex}:{t}"),
                    () => ProportionTest.TwoSided(count, n, declared));
                var ratio = observed / declared;
                var effect = rule.Metric == DriftMetric.StaleTrait ? ratio : Math.Abs(observed - declared);
                var meets = rule.Metric == DriftMetric.StaleTrait
                    ? ratio <= rule.Threshold
                    : Math.Abs(observed - declared) >= rule.Threshold;
                candidates.Add(new Candidate(rule, persona, dimension, key, null,
                    new Evidence(n, observed, declared, interval.Low, interval.High, "z", tests[test].Statistic, tests[test].PValue, null, rule.MinimumSample),
                    effect, meets, test));
            }
        }
    }

    private static void AddDistanceCandidates(PersonaContext context, DriftRule rule, List<Candidate> candidates)
    {
        var persona = context.Shape.Persona;
        var n = context.Stats.N;
        foreach (var dimension in DimensionsOf(rule))
        {
            if (n < rule.MinimumSample)
            {
                candidates.Add(Insufficient(rule, persona, n, dimension));
                continue;
            }

            var distance = DimensionDistance(context, dimension);
            candidates.Add(new Candidate(rule, persona, dimension, null, null,
                new Evidence(n, distance, rule.Threshold, null, null, "JS distance", distance, null, null, rule.MinimumSample),
                distance, distance >= rule.Threshold, -1));
        }
    }

    private static void AddStabilityCandidates(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates)
    {
        var persona = context.Shape.Persona;
        var w = context.WindowIndex(rule.WindowDays);
        var stats = context.Stats;
        var people = Math.Min(stats.CurrentPeople[w], stats.PreviousPeople[w]);
        foreach (var dimension in DimensionsOf(rule))
        {
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

    /// <summary>Jensen–Shannon distance between declared weights and observed prevalence over the dimension's traits.</summary>
    internal static double DimensionDistance(PersonaContext context, TraitDimension dimension)
    {
        var catalog = context.Population.Traits;
        var declared = new List<double>();
        var observed = new List<double>();
        for (var t = 0; t < catalog.Count; t++)
        {
            if (catalog.DimensionOf(t) != dimension)
            {
                continue;
            }

            var weight = context.Shape.Weights[t];
            var count = context.Stats.TraitCounts[t];
            if (weight > 0 || count > 0)
            {
                declared.Add(weight);
                observed.Add(context.Stats.N == 0 ? 0 : (double)count / context.Stats.N);
            }
        }

        return JensenShannon.Distance(declared.ToArray(), observed.ToArray());
    }

    /// <summary>PSI of a dimension's trait mentions, previous window vs current window.</summary>
    internal static (double Psi, int Bins, long PreviousMentions, long CurrentMentions) Stability(PersonaContext context, TraitDimension dimension, int windowIndex)
    {
        var catalog = context.Population.Traits;
        var previous = new List<double>();
        var current = new List<double>();
        long previousTotal = 0, currentTotal = 0;
        for (var t = 0; t < catalog.Count; t++)
        {
            if (catalog.DimensionOf(t) != dimension)
            {
                continue;
            }

            var before = context.Stats.PreviousTraitCounts[windowIndex][t];
            var now = context.Stats.CurrentTraitCounts[windowIndex][t];
            if (before > 0 || now > 0)
            {
                previous.Add(before);
                current.Add(now);
                previousTotal += before;
                currentTotal += now;
            }
        }

        return (PopulationStabilityIndex.Compute(previous.ToArray(), current.ToArray()), previous.Count, previousTotal, currentTotal);
    }
}
