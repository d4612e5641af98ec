using System.Runtime.CompilerServices;
using System.Collections.Immutable;
using System.Globalization;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Drift.Statistics;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Drift.Analyzers;

/// <summary>
/// Traits one by one: a declared trait shown at another prevalence than declared (mis-weighted) or hardly at all
/// (stale), an undeclared one many people show (emerging). Sales users record some of what people hold, not all
/// (<see cref="RecordingModel"/>): in a dimension declaring two or more traits each declared trait is tested by a
/// likelihood ratio against the dimension's common recording factor, among the people with a declared trait of it
/// recorded, so a shortfall every trait shares is not drift of each; that common shortfall, when clear, is a
/// data-quality finding ("under-recorded"). Evidence is on the scale a marketing lead reads, the estimated share of all
/// the persona's people holding the trait, beside the declared share, and thresholds apply to it. Its counts are the
/// engine's base counts.
/// </summary>
public sealed class TraitAnalyzer : DriftAnalyzer
{
    /// <summary>The subject of the data-quality finding of an under-recorded dimension.</summary>
    public const string RecordingDepthSubject = "recording-depth";

    /// <inheritdoc />
    public override ImmutableArray<DriftMetric> Metrics { get; } = [DriftMetric.TraitPrevalence, DriftMetric.StaleTrait, DriftMetric.EmergingTrait];

    /// <summary>A trait's estimate on the scale of all people, with its interval and test (the test lazily: only registered ones run).</summary>
    private readonly record struct Estimate(long N, double Observed, double Low, double High, Func<TestResult> Test);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void AddCandidates(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates)
    {
        var persona = context.Shape.Persona;
        var catalog = context.Population.Traits;
        foreach (var dimension in DimensionsOf(rule))
        {
            var d = (int)dimension;
            var n = context.Counts.Recorded[d];
            if (n < rule.MinimumSample)
            {
                candidates.Add(Insufficient(rule, persona, n, dimension));
                continue;
            }

            var fit = context.Recording(d);
            var coverage = context.Coverage(d);
            var caveat = CoverageAnalyzer.RecordedBias(context, dimension);
            if (rule.Metric == DriftMetric.TraitPrevalence && fit.UnderRecorded)
            {
                candidates.Add(new Candidate(rule, persona, dimension, RecordingDepthSubject, null,
                    new Evidence(fit.N, Math.Round(fit.Factor, 4), 1, null, null, "likelihood ratio", fit.LikelihoodRatio, null, null, rule.MinimumSample, coverage),
                    1 - fit.Factor, true, -1, DataQuality: true));
            }

            foreach (var t in catalog.IdsOf(dimension))
            {
                var declared = context.Shape.Weights[t];
                var count = context.Counts.TraitCounts[t];
                if (rule.Metric == DriftMetric.EmergingTrait)
                {
                    if (declared <= 0 && count > 0)
                    {
                        AddEmerging(context, rule, tests, candidates, fit, dimension, t, count, coverage, caveat);
                    }

                    continue;
                }

                if (declared <= 0)
                {
                    continue;
                }

                var e = Declared(context, fit, t);
                if (e.N < rule.MinimumSample)
                {
                    candidates.Add(Insufficient(rule, persona, e.N, dimension));
                    continue;
                }

                var test = tests.Register(new TestKey("declared", context.PersonaIndex, Index: t), e.Test);
                var ratio = e.Observed / declared;
                var effect = rule.Metric == DriftMetric.StaleTrait ? ratio : Math.Abs(e.Observed - declared);
                var meets = rule.Metric == DriftMetric.StaleTrait
                    ? ratio <= rule.Threshold
                    : Math.Abs(e.Observed - declared) >= rule.Threshold;
                candidates.Add(new Candidate(rule, persona, dimension, catalog[t].Key, null,
                    new Evidence(e.N, e.Observed, declared, e.Low, e.High, fit.Modelled ? "LR" : "z", tests[test].Statistic, tests[test].PValue, null, rule.MinimumSample, coverage, caveat),
                    effect, meets, test));
            }
        }
    }

    /// <summary>
    /// An undeclared trait some people show, against the emerging threshold over all the persona's people (or recently,
    /// <see cref="Recent"/>). Every one registers its test (each is one of the run's hypotheses for the false-discovery
    /// rate); only one over the threshold can become a finding, so only those are made candidates (a large run has tens
    /// of thousands of rare undeclared phrasings and none of them is ever worded).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddEmerging(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates, RecordingFit fit, TraitDimension dimension, int t, long count, double coverage, string? caveat)
    {
        var d = (int)dimension;
        var n = context.Counts.Recorded[d];
        var threshold = rule.Threshold;
        var u = Undeclared(context, fit, d, count);
        var key = context.Population.Traits[t].Key;
        if (u.Observed <= threshold && Recent(context, rule, fit, d, t, key, u.Observed, coverage, caveat, tests) is { } recent)
        {
            candidates.Add(recent);
            return;
        }

        var index = tests.Register(
            new TestKey("emerging", context.PersonaIndex, Index: t, A: threshold),
            (count, n, p: Math.Min(threshold / fit.Scale, 0.999)),
            static s => ProportionTest.Greater(s.count, s.n, s.p));
        if (u.Observed > threshold)
        {
            candidates.Add(new Candidate(rule, context.Shape.Persona, dimension, key, null,
                new Evidence(n, u.Observed, threshold, u.Low, u.High, "z", tests[index].Statistic, tests[index].PValue, null, rule.MinimumSample, coverage, caveat),
                u.Observed, true, index));
        }
    }

    /// <summary>
    /// Recent emergence: an undeclared trait below the threshold over all the persona's people may be held by many of
    /// the people profiled lately (a trait new people bring). The emerging test then runs on the people profiled in
    /// the rule's window and in its last half, scaled to all people as the dimension's (the window's own recorded people
    /// are its n); the window with the clearer evidence is kept (only its test joins the run's false-discovery-rate
    /// control). Its evidence says the window and the share over everyone.
    /// </summary>
    private static Candidate? Recent(PersonaContext context, DriftRule rule, RecordingFit fit, int dimension, int traitId, string key, double overall, double coverage, string? caveat, TestRegistry tests)
    {
        Candidate? best = null;
        foreach (var days in (ReadOnlySpan<int>)[rule.WindowDays / 2, rule.WindowDays])
        {
            if (days < 1 || RecentIn(context, rule, fit, dimension, traitId, key, overall, coverage, caveat, tests, days) is not { } candidate)
            {
                continue;
            }

            if (best is null || tests[candidate.TestIndex].PValue < tests[best.TestIndex].PValue)
            {
                best = candidate;
            }
        }

        return best;
    }

    private static Candidate? RecentIn(PersonaContext context, DriftRule rule, RecordingFit fit, int dimension, int traitId, string key, double overall, double coverage, string? caveat, TestRegistry tests, int days)
    {
        var w = context.WindowIndex(days);
        var windowed = context.Run.Windowed[context.PersonaIndex];
        if (w < 0)
        {
            return null;
        }

        var n = windowed.CurrentRecorded[w][dimension];
        var count = windowed.CurrentTraitCounts[w][traitId];
        if (n < rule.MinimumSample || count == 0)
        {
            return null;
        }

        var scale = fit.Scale;
        var observed = Math.Min(1, (double)count / n * scale);
        if (observed <= rule.Threshold)
        {
            return null;
        }

        var interval = WilsonInterval.Compute(count, n);
        var index = tests.Register(
            new TestKey("emerging-recent", context.PersonaIndex, Index: traitId, A: rule.Threshold, B: days),
            (count, n, p: Math.Min(rule.Threshold / scale, 0.999)),
            static s => ProportionTest.Greater(s.count, s.n, s.p));
        return new Candidate(rule, context.Shape.Persona, (TraitDimension)dimension, key, null,
            new Evidence(n, observed, rule.Threshold, Math.Min(1, interval.Low * scale), Math.Min(1, interval.High * scale), "z", tests[index].Statistic, tests[index].PValue, null, rule.MinimumSample, coverage, caveat,
                days, Math.Round(overall, 4)),
            observed, true, index);
    }

    /// <summary>
    /// A declared trait. Modelled: the likelihood-ratio test against the common recording factor and the estimate with its
    /// profile interval. Otherwise (one declared trait): complete recording, its share among the people with the dimension
    /// recorded against the declaration's, scaled to all people.
    /// </summary>
    private static Estimate Declared(PersonaContext context, RecordingFit fit, int traitId)
    {
        if (fit.Modelled)
        {
            var result = fit.Test(traitId);
            return new Estimate(fit.N, result.Prevalence, result.Low, result.High, () => result.Test);
        }

        var d = (int)context.Population.Traits.DimensionOf(traitId);
        var n = context.Counts.Recorded[d];
        var count = context.Counts.TraitCounts[traitId];
        var u = Undeclared(context, fit, d, count);
        var expected = Math.Min(context.Shape.Weights[traitId] / fit.Scale, 0.999);
        return u with { Test = () => ProportionTest.TwoSided(count, n, expected) };
    }

    /// <summary>An undeclared trait (or a trait not modelled): its share among the people with the dimension recorded, scaled to all people by the fit.</summary>
    private static Estimate Undeclared(PersonaContext context, RecordingFit fit, int dimension, long count)
    {
        var n = context.Counts.Recorded[dimension];
        if (n == 0)
        {
            return new Estimate(0, 0, 0, 1, () => new TestResult(0, 1));
        }

        var scale = fit.Scale;
        var interval = WilsonInterval.Compute(count, n);
        return new Estimate(n, Math.Min(1, (double)count / n * scale), Math.Min(1, interval.Low * scale), Math.Min(1, interval.High * scale), () => new TestResult(0, 1));
    }

    internal override string Headline(Candidate candidate, TraitTaxonomy taxonomy)
    {
        var e = candidate.Evidence;
        var (_, subject, _, _, _, _, _) = Wording.Parts(candidate, taxonomy);
        var singular = Wording.Singular(candidate.Dimension);
        if (candidate.Subject == RecordingDepthSubject)
        {
            return $"Its {candidate.Dimension?.ToDisplayName().ToLowerInvariant()} are under-recorded: about {Wording.Pct(e.Observed)} of what people hold is written down.";
        }

        return candidate.Rule.Metric switch
        {
            DriftMetric.StaleTrait => $"Only {Wording.Pct(e.Observed)} of its people show the {singular} '{subject}'; the persona says {Wording.Pct(e.Expected)}.",
            DriftMetric.TraitPrevalence => $"{Wording.Pct(e.Observed)} of its people show the {singular} '{subject}'; the persona says {Wording.Pct(e.Expected)}.",
            _ when e.RecentDays is { } days => $"{Wording.Pct(e.Observed)} of the people profiled in the last {days} days show the {singular} '{subject}', which the persona does not mention ({Wording.Pct(e.Overall)} of all its people).",
            _ => $"{Wording.Pct(e.Observed)} of its people show the {singular} '{subject}', which the persona does not mention.",
        };
    }

    internal override string Rationale(Candidate candidate, TraitTaxonomy taxonomy)
    {
        var e = candidate.Evidence;
        var (persona, subject, dimension, ci, q, basis, caveat) = Wording.Parts(candidate, taxonomy);
        if (candidate.Subject == RecordingDepthSubject)
        {
            return $"Every declared {Wording.Singular(candidate.Dimension)} of '{persona}' is recorded less often than declared, and alike: the best fit is that about {Wording.Pct(e.Observed)} of the {dimension} people hold gets written down (from the {Wording.People(e.N)} with a declared {Wording.Singular(candidate.Dimension)} recorded; likelihood ratio {Wording.F(e.Statistic)} against complete recording). This is how the data is kept, not drift: the trait figures allow for it. A real decline of every {Wording.Singular(candidate.Dimension)} alike would look the same, so ask the sales team whether they record all they learn.";
        }

        return candidate.Rule.Metric switch
        {
            DriftMetric.StaleTrait =>
                $"Only {Wording.Pct(e.Observed)} of the people tagged '{persona}' show the {Wording.Singular(candidate.Dimension)} '{subject}'{ci}{basis}, though the persona expects {Wording.Pct(e.Expected)}.{q} Consider retiring it or re-checking how it is captured.{caveat}",
            DriftMetric.TraitPrevalence =>
                $"'{subject}' ({dimension}) is shown by {Wording.Pct(e.Observed)} of the people tagged '{persona}'{ci}{basis}, against a declared {Wording.Pct(e.Expected)}.{q} Reweight it to what people show.{caveat}",
            _ when e.RecentDays is { } days =>
                $"{Wording.Pct(e.Observed)} of the people tagged '{persona}' and profiled in the last {days} days show the undeclared {Wording.Singular(candidate.Dimension)} '{subject}'{ci} (estimated from the {Wording.People(e.N)} of them with {dimension} recorded), significantly more than the {Wording.Pct(e.Expected)} that counts as emerging ({Wording.QIs(e.QValue)}); over all its people it is {Wording.Pct(e.Overall)}. The people tagged lately bring it: consider adding it to the persona, and watch whether it holds.{caveat}",
            _ =>
                $"{Wording.Pct(e.Observed)} of the people tagged '{persona}' show the undeclared {Wording.Singular(candidate.Dimension)} '{subject}'{ci}{basis}, significantly more than the {Wording.Pct(e.Expected)} that counts as emerging ({Wording.QIs(e.QValue)}). Consider adding it to the persona.{caveat}",
        };
    }

    internal override RevisionSuggestion? Suggest(Finding finding, Persona persona, SuggestionContext context)
    {
        var e = finding.Evidence;
        var label = context.LabelOf(finding);
        var dimension = finding.Dimension?.ToDisplayName().ToLowerInvariant();
        return finding.Metric switch
        {
            DriftMetric.StaleTrait => SuggestionContext.Make(finding, persona, SuggestionType.RetireTrait, null,
                $"Retire '{label}' from {dimension}: {SuggestionContext.Pct(e.Observed)} of people show it against {SuggestionContext.Pct(e.Expected)} declared."),
            DriftMetric.EmergingTrait when e.RecentDays is { } days => SuggestionContext.Make(finding, persona, SuggestionType.AddTrait, SuggestionContext.Round(e.Observed),
                $"Add '{label}' to {dimension} with an expected prevalence of {SuggestionContext.Pct(SuggestionContext.Round(e.Observed))}: {SuggestionContext.Pct(e.Observed)} of the {Wording.People(e.N)} profiled in the last {days} days show it ({SuggestionContext.Pct(e.Overall)} of all its people), and the persona does not mention it."),
            DriftMetric.EmergingTrait => SuggestionContext.Make(finding, persona, SuggestionType.AddTrait, SuggestionContext.Round(e.Observed),
                $"Add '{label}' to {dimension} with an expected prevalence of {SuggestionContext.Pct(SuggestionContext.Round(e.Observed))}: {SuggestionContext.Pct(e.Observed)} of {Wording.People(e.N)} show it and the persona does not mention it."),
            _ => SuggestionContext.Make(finding, persona, SuggestionType.ReweightTrait, SuggestionContext.Round(e.Observed),
                $"Change the expected prevalence of '{label}' from {SuggestionContext.Pct(e.Expected)} to {SuggestionContext.Pct(SuggestionContext.Round(e.Observed))}, what {e.N} tagged people show."),
        };
    }

    internal override int SuggestionPriority(DriftMetric metric) => metric switch
    {
        DriftMetric.StaleTrait => 1,
        DriftMetric.EmergingTrait => 2,
        _ => 3,
    };

    /// <summary>Trait rows on the scale of all the persona's people, estimated from those with the dimension recorded under its recording factor.</summary>
    internal override PersonaSummary Summarize(PersonaContext context, PersonaSummary summary)
    {
        var catalog = context.Population.Traits;
        var rows = new List<TraitObservation>();
        for (var t = 0; t < catalog.Count; t++)
        {
            var dimension = catalog[t].Dimension;
            var declared = context.Shape.Weights[t];
            var count = context.Counts.TraitCounts[t];
            var fit = context.Recording((int)dimension);
            var e = declared > 0 ? Declared(context, fit, t) : Undeclared(context, fit, (int)dimension, count);
            if (declared <= 0 && (count == 0 || e.Observed < context.Options.MinimumReportedPrevalence))
            {
                continue;
            }

            rows.Add(new TraitObservation(
                dimension,
                catalog[t].Key,
                declared > 0 ? declared : null,
                count,
                Math.Round(e.Observed, 4),
                Math.Round(e.Low, 4),
                Math.Round(e.High, 4)));
        }

        return summary with
        {
            Traits = [.. rows
                .OrderBy(r => r.Dimension)
                .ThenBy(r => r.Declared is null)
                .ThenByDescending(r => r.Declared ?? r.Observed)
                .ThenBy(r => r.Key, StringComparer.Ordinal)],
        };
    }
}
