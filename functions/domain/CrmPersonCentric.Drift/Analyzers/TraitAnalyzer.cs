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
/// (stale), an undeclared one many people show (emerging). A declared prevalence p is a share of all the persona's
/// people; among the people with the dimension recorded it is expected at p / r, r being the share that has any declared
/// trait of it under the declaration (<see cref="PersonaShape.ExpectedRecordedShare"/>). Tests run on that scale (the
/// binomial n is the recorded n); evidence is reported back on the scale of all people (× r). Its counts are the
/// engine's base counts.
/// </summary>
public sealed class TraitAnalyzer : DriftAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DriftMetric> Metrics { get; } = [DriftMetric.TraitPrevalence, DriftMetric.StaleTrait, DriftMetric.EmergingTrait];

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

            var r = context.Shape.ExpectedRecordedShare[d];
            var coverage = context.Coverage(d);
            var caveat = CoverageAnalyzer.RecordedBias(context, dimension);
            for (var t = 0; t < catalog.Count; t++)
            {
                if (catalog.DimensionOf(t) != dimension)
                {
                    continue;
                }

                var declared = context.Shape.Weights[t];
                var count = context.Counts.TraitCounts[t];
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

    internal override string Headline(Candidate candidate, TraitTaxonomy taxonomy)
    {
        var e = candidate.Evidence;
        var (_, subject, _, _, _, _, _) = Wording.Parts(candidate, taxonomy);
        var singular = Wording.Singular(candidate.Dimension);
        return candidate.Rule.Metric switch
        {
            DriftMetric.StaleTrait => $"Only {Wording.Pct(e.Observed)} of its people show the {singular} '{subject}'; the persona says {Wording.Pct(e.Expected)}.",
            DriftMetric.TraitPrevalence => $"{Wording.Pct(e.Observed)} of its people show the {singular} '{subject}'; the persona says {Wording.Pct(e.Expected)}.",
            _ => $"{Wording.Pct(e.Observed)} of its people show the {singular} '{subject}', which the persona does not mention.",
        };
    }

    internal override string Rationale(Candidate candidate, TraitTaxonomy taxonomy)
    {
        var e = candidate.Evidence;
        var (persona, subject, dimension, ci, q, basis, caveat) = Wording.Parts(candidate, taxonomy);
        return candidate.Rule.Metric switch
        {
            DriftMetric.StaleTrait =>
                $"Only {Wording.Pct(e.Observed)} of the people tagged '{persona}' show the {Wording.Singular(candidate.Dimension)} '{subject}'{ci}{basis}, though the persona expects {Wording.Pct(e.Expected)}.{q} Consider retiring it or re-checking how it is captured.{caveat}",
            DriftMetric.TraitPrevalence =>
                $"'{subject}' ({dimension}) is shown by {Wording.Pct(e.Observed)} of the people tagged '{persona}'{ci}{basis}, against a declared {Wording.Pct(e.Expected)}.{q} Reweight it to what people show.{caveat}",
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

    /// <summary>Trait rows on the scale of all the persona's people, estimated from those with the dimension recorded.</summary>
    internal override PersonaSummary Summarize(PersonaContext context, PersonaSummary summary)
    {
        var catalog = context.Population.Traits;
        var rows = new List<TraitObservation>();
        for (var t = 0; t < catalog.Count; t++)
        {
            var dimension = catalog[t].Dimension;
            var n = context.Counts.Recorded[(int)dimension];
            var r = context.Shape.ExpectedRecordedShare[(int)dimension];
            var declared = context.Shape.Weights[t];
            var count = context.Counts.TraitCounts[t];
            var observed = n == 0 ? 0 : (double)count / n * r;
            if (declared <= 0 && (count == 0 || observed < context.Options.MinimumReportedPrevalence))
            {
                continue;
            }

            var interval = n == 0 ? new Interval(0, 1) : WilsonInterval.Compute(count, n);
            rows.Add(new TraitObservation(
                dimension,
                catalog[t].Key,
                declared > 0 ? declared : null,
                count,
                Math.Round(observed, 4),
                Math.Round(interval.Low * r, 4),
                Math.Round(interval.High * r, 4)));
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
