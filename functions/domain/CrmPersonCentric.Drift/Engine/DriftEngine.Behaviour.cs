using System.Globalization;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Drift.Statistics;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Engine;

public sealed partial class DriftEngine
{
    private const double DaysPerYear = 365.25;

    private static void AddBehaviourCandidates(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates)
    {
        var persona = context.Shape.Persona;
        var n = context.Stats.N;
        var w = context.WindowIndex(rule.WindowDays);
        foreach (var expectation in persona.Behaviours)
        {
            var slot = BehaviourKeys.Slot(expectation.Type, expectation.Layer);
            var label = BehaviourKeys.DisplayName(expectation.Type, expectation.Layer);
            if (slot < 0 || (rule.Metric == DriftMetric.BehaviourRate && expectation.ExpectedRatePerPersonYear is null))
            {
                continue;
            }

            if (n < rule.MinimumSample)
            {
                candidates.Add(Insufficient(rule, persona, n, null, expectation.Key, label));
                continue;
            }

            if (rule.Metric == DriftMetric.BehaviourShare)
            {
                var count = context.Stats.SlotPeople[w][slot];
                var observed = (double)count / n;
                var interval = WilsonInterval.Compute(count, n);
                var index = tests.Register(
                    string.Create(CultureInfo.InvariantCulture, $"share:{context.PersonaIndex}:{slot}:{rule.WindowDays}"),
                    () => ProportionTest.TwoSided(count, n, expectation.ExpectedShare));
                var difference = Math.Abs(observed - expectation.ExpectedShare);
                candidates.Add(new Candidate(rule, persona, null, expectation.Key, label,
                    new Evidence(n, observed, expectation.ExpectedShare, interval.Low, interval.High, "z", tests[index].Statistic, tests[index].PValue, null, rule.MinimumSample),
                    difference, difference >= rule.Threshold, index));
            }
            else
            {
                var events = EventsInWindow(context.Population, context.PersonaIndex, slot, rule.WindowDays);
                var exposure = n * rule.WindowDays / DaysPerYear;
                var expectedRate = expectation.ExpectedRatePerPersonYear!.Value;
                var observedRate = events / exposure;
                var interval = PoissonRate.RateInterval(events, exposure);
                var index = tests.Register(
                    string.Create(CultureInfo.InvariantCulture, $"rate:{context.PersonaIndex}:{slot}:{rule.WindowDays}"),
                    () => PoissonRate.Test(events, expectedRate * exposure));
                var relative = expectedRate > 0 ? Math.Abs((observedRate / expectedRate) - 1) : (events > 0 ? 100 : 0);
                candidates.Add(new Candidate(rule, persona, null, expectation.Key, label,
                    new Evidence(events, observedRate, expectedRate, interval.Low, interval.High, "observed/expected", tests[index].Statistic, tests[index].PValue, null, rule.MinimumSample),
                    relative, relative >= rule.Threshold, index));
            }
        }
    }

    private static void AddMessagingCandidates(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates)
    {
        var persona = context.Shape.Persona;
        if (persona.Messaging.ReachedLayer == MessagingLayer.DeepPersonalDesire)
        {
            return;
        }

        var stats = context.Stats;
        var n = stats.DeepDesire;
        if (n < rule.MinimumSample)
        {
            candidates.Add(Insufficient(rule, persona, n, null, "messaging-l4"));
            return;
        }

        var w = context.WindowIndex(rule.WindowDays);
        var layer4 = stats.Layer4Any[w];
        var reached = stats.ReachedAny[w];
        var layer4Only = stats.Layer4Only[w];
        var reachedOnly = stats.ReachedOnly[w];
        var index = tests.Register(
            string.Create(CultureInfo.InvariantCulture, $"depth:{context.PersonaIndex}:{rule.WindowDays}"),
            () => McNemarTest.FirstGreater(layer4Only, reachedOnly));
        var observed = (double)layer4 / n;
        var expected = (double)reached / n;
        var interval = WilsonInterval.Compute(layer4, n);
        var lead = observed - expected;
        candidates.Add(new Candidate(rule, persona, null, "messaging-l4", "Layer-4 messaging",
            new Evidence(n, observed, expected, interval.Low, interval.High, "McNemar χ²", tests[index].Statistic, tests[index].PValue, null, rule.MinimumSample),
            lead, lead >= rule.Threshold, index));
    }

    private static void AddShareCandidates(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates)
    {
        var persona = context.Shape.Persona;
        var stats = context.Stats;
        long n, count;
        string subject;
        if (rule.Metric == DriftMetric.IcpLeakage)
        {
            (n, count, subject) = (stats.N, stats.Outside, "outside-icp");
        }
        else
        {
            n = stats.WithFit;
            count = PoorFits(context, rule.EffectiveParameter);
            subject = "poor-fit";
        }

        if (n < rule.MinimumSample)
        {
            candidates.Add(Insufficient(rule, persona, n, null, subject));
            return;
        }

        var observed = (double)count / n;
        var interval = WilsonInterval.Compute(count, n);
        var index = tests.Register(
            string.Create(CultureInfo.InvariantCulture, $"{subject}:{context.PersonaIndex}:{rule.Threshold:R}:{rule.EffectiveParameter:R}"),
            () => ProportionTest.Greater(count, n, rule.Threshold));
        candidates.Add(new Candidate(rule, persona, null, subject, null,
            new Evidence(n, observed, rule.Threshold, interval.Low, interval.High, "z", tests[index].Statistic, tests[index].PValue, null, rule.MinimumSample),
            observed, observed > rule.Threshold, index));
    }

    private static long PoorFits(PersonaContext context, double cutoff)
    {
        long poor = 0;
        var personas = context.Population.PersonaIndex;
        var fits = context.Fits;
        for (var c = 0; c < fits.Length; c++)
        {
            if (personas[c] == context.PersonaIndex && fits[c] < cutoff)
            {
                poor++;
            }
        }

        return poor;
    }

    private static long EventsInWindow(CompactPopulation population, int persona, int slot, int windowDays)
    {
        var counts = population.EventsByDay[persona];
        var start = slot * (PopulationBuilder.MaxDays + 1);
        long total = 0;
        for (var d = 0; d < windowDays && d <= PopulationBuilder.MaxDays; d++)
        {
            total += counts[start + d];
        }

        return total;
    }
}
