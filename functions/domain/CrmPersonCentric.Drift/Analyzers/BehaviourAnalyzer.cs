using System.Runtime.CompilerServices;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.Intrinsics;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Drift.Statistics;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Drift.Analyzers;

/// <summary>
/// Behaviour against the persona's expectations: the share of its people who showed a behaviour in the window, and the
/// rate of its events per person-year (tested as negative binomial counts, <see cref="OverdispersedRate"/>: real
/// behaviour is bursty). Counts people per behaviour slot and window; events come from the population's
/// per-persona day histograms.
/// </summary>
public sealed class BehaviourAnalyzer : DriftAnalyzer
{
    private const double DaysPerYear = 365.25;

    private EvaluationRun _run = null!;

    /// <summary>Per persona, window and behaviour slot: people who showed it within the window (from <see cref="_lastSeenDays"/> at the end of the pass).</summary>
    private long[][][] _slotPeople = [];

    /// <summary>
    /// Per persona, slot and day: people whose last event of the slot was that many days before the as-of date. One
    /// increment per contact and slot during the pass, where counting per window compared every slot with every window.
    /// </summary>
    private long[][] _lastSeenDays = [];

    /// <inheritdoc />
    public override ImmutableArray<DriftMetric> Metrics { get; } = [DriftMetric.BehaviourShare, DriftMetric.BehaviourRate];

    internal override bool CountsContacts => true;

    internal override void Begin(EvaluationRun run)
    {
        _run = run;
        _slotPeople = [.. run.Shapes.Select(_ => run.Windows.Select(_ => new long[BehaviourKeys.SlotCount]).ToArray())];
        _lastSeenDays = [.. run.Shapes.Select(_ => new long[BehaviourKeys.SlotCount * Days])];
    }

    /// <summary>Days a window can reach back (the longest window a rule may have).</summary>
    private static int Days => PopulationBuilder.MaxDays + 1;

    internal override void End(EvaluationRun run)
    {
        // People within a window of w days: last seen fewer than w days ago, a prefix sum over the days.
        for (var p = 0; p < _lastSeenDays.Length; p++)
        {
            for (var slot = 0; slot < BehaviourKeys.SlotCount; slot++)
            {
                var days = _lastSeenDays[p].AsSpan(slot * Days, Days);
                for (var wi = 0; wi < run.Windows.Length; wi++)
                {
                    long people = 0;
                    for (var d = 0; d < Math.Min(run.Windows[wi], Days); d++)
                    {
                        people += days[d];
                    }

                    _slotPeople[p][wi][slot] = people;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void Add(in ContactView contact)
    {
        // The slots seen within the days, found by one vector comparison instead of a branch per slot, then counted.
        var days = _lastSeenDays[contact.Persona];
        var seen = contact.LastSeen;
        var within = 0u;
        var first = 0;
        if (BehaviourKeys.SlotCount >= Vector128<ushort>.Count)
        {
            within = Vector128.LessThan(Vector128.Create(seen[..Vector128<ushort>.Count]), Vector128.Create((ushort)Days)).ExtractMostSignificantBits();
            first = Vector128<ushort>.Count;
        }

        for (var slot = first; slot < BehaviourKeys.SlotCount; slot++)
        {
            within |= (seen[slot] < Days ? 1u : 0u) << slot;
        }

        while (within != 0)
        {
            var slot = System.Numerics.BitOperations.TrailingZeroCount(within);
            days[(slot * Days) + seen[slot]]++;
            within &= within - 1;
        }
    }

    internal override void AddCandidates(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates)
    {
        var persona = context.Shape.Persona;
        var n = context.Counts.N;
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
                var count = _slotPeople[context.PersonaIndex][w][slot];
                var observed = (double)count / n;
                var interval = WilsonInterval.Compute(count, n);
                var index = tests.Register(
                    new TestKey("behaviour-share", context.PersonaIndex, Index: slot, A: rule.WindowDays),
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

                // Bursty counts: the people without an event in the window against the mean give the dispersion.
                var active = _slotPeople[context.PersonaIndex][w][slot];
                var shape = OverdispersedRate.Shape((double)events / n, 1 - ((double)active / n));
                var interval = OverdispersedRate.RateInterval(events, exposure, OverdispersedRate.Dispersion((double)events / n, shape));
                var index = tests.Register(
                    new TestKey("behaviour-rate", context.PersonaIndex, Index: slot, A: rule.WindowDays),
                    () => OverdispersedRate.Test(events, expectedRate * exposure, n, shape));
                var relative = expectedRate > 0 ? Math.Abs((observedRate / expectedRate) - 1) : (events > 0 ? 100 : 0);
                candidates.Add(new Candidate(rule, persona, null, expectation.Key, label,
                    new Evidence(events, observedRate, expectedRate, interval.Low, interval.High, "observed/expected", tests[index].Statistic, tests[index].PValue, null, rule.MinimumSample),
                    relative, relative >= rule.Threshold, index));
            }
        }
    }

    internal override string Headline(Candidate candidate, TraitTaxonomy taxonomy)
    {
        var e = candidate.Evidence;
        var (_, subject, _, _, _, _, _) = Wording.Parts(candidate, taxonomy);
        return candidate.Rule.Metric == DriftMetric.BehaviourShare
            ? $"{Wording.Pct(e.Observed)} of its people showed '{subject}' in the last {candidate.Rule.WindowDays} days; the persona expects {Wording.Pct(e.Expected)}."
            : $"'{subject}' happens {SuggestionContext.F(e.Observed)} times a year per person; the persona expects {SuggestionContext.F(e.Expected)}.";
    }

    internal override string Rationale(Candidate candidate, TraitTaxonomy taxonomy)
    {
        var e = candidate.Evidence;
        var (persona, subject, _, ci, q, _, _) = Wording.Parts(candidate, taxonomy);
        return candidate.Rule.Metric == DriftMetric.BehaviourShare
            ? $"{Wording.Pct(e.Observed)} of the {Wording.People(e.N)} tagged '{persona}' showed '{subject}' in the last {candidate.Rule.WindowDays} days{ci}, against an expected {Wording.Pct(e.Expected)}.{q} Revise the expectation or the programmes behind it."
            : $"'{subject}' happens {Wording.F(e.Observed)} times per person-year among people tagged '{persona}'{Wording.RateCi(e)}, against an expected {Wording.F(e.Expected)}.{q}";
    }

    internal override RevisionSuggestion? Suggest(Finding finding, Persona persona, SuggestionContext context)
    {
        var e = finding.Evidence;
        return finding.Metric == DriftMetric.BehaviourShare
            ? SuggestionContext.Make(finding, persona, SuggestionType.ReviseBehaviourExpectation, SuggestionContext.Round(e.Observed),
                $"Expect {SuggestionContext.Pct(SuggestionContext.Round(e.Observed))} of people to show '{finding.SubjectLabel}' in the window instead of {SuggestionContext.Pct(e.Expected)}, as {e.N} tagged people did.")
            : SuggestionContext.Make(finding, persona, SuggestionType.ReviseBehaviourExpectation, null,
                $"Revise the rate of '{finding.SubjectLabel}': {SuggestionContext.F(e.Observed)} per person-year observed against {SuggestionContext.F(e.Expected)} expected.");
    }

    /// <summary>Every behaviour the persona expects or its people showed, in the window of its first behaviour-share rule (90 days without one).</summary>
    internal override PersonaSummary Summarize(PersonaContext context, PersonaSummary summary)
    {
        var windowDays = context.RuleFor(DriftMetric.BehaviourShare)?.WindowDays ?? 90;
        var n = context.Counts.N;
        var w = context.WindowIndex(windowDays);
        var rows = ImmutableArray.CreateBuilder<BehaviourObservation>();
        for (var slot = 0; slot < BehaviourKeys.SlotCount; slot++)
        {
            var (type, layer) = BehaviourKeys.FromSlot(slot);
            var expectation = context.Shape.Persona.Behaviours.FirstOrDefault(b => BehaviourKeys.Slot(b.Type, b.Layer) == slot);
            var count = _slotPeople[context.PersonaIndex][w][slot];
            if (expectation is null && count == 0)
            {
                continue;
            }

            var events = EventsInWindow(context.Population, context.PersonaIndex, slot, windowDays);
            var interval = WilsonInterval.Compute(count, n);
            rows.Add(new BehaviourObservation(
                BehaviourKeys.For(type, layer),
                BehaviourKeys.DisplayName(type, layer),
                windowDays,
                expectation?.ExpectedShare,
                count,
                n == 0 ? 0 : Math.Round((double)count / n, 4),
                Math.Round(interval.Low, 4),
                Math.Round(interval.High, 4),
                events,
                expectation?.ExpectedRatePerPersonYear,
                n == 0 ? 0 : Math.Round(events / (n * windowDays / DaysPerYear), 4)));
        }

        return summary with { Behaviours = rows.ToImmutable() };
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
