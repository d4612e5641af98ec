using System.Runtime.CompilerServices;
using System.Collections.Immutable;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Drift.Suggestions;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Drift.Analyzers;

/// <summary>
/// ICP leakage: the share of tagged people whose account lies outside the persona's ICP filter, and where they come
/// from. When they fit the persona as well as the rest, the ICP is too narrow (widen it); otherwise tagging is too loose.
/// </summary>
public sealed class IcpAnalyzer : DriftAnalyzer
{
    /// <summary>How much lower the fit of out-of-ICP people may be for the ICP, not the tagging, to be the problem.</summary>
    public const double WidenIcpFitMargin = 0.1;

    private EvaluationRun _run = null!;
    private Counts[] _counts = [];

    /// <inheritdoc />
    public override ImmutableArray<DriftMetric> Metrics { get; } = [DriftMetric.IcpLeakage];

    internal override bool CountsContacts => true;

    internal override void Begin(EvaluationRun run)
    {
        _run = run;
        _counts = [.. run.Shapes.Select(_ => new Counts(run.Population.Industries.Count, run.Population.Regions.Count))];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void Add(in ContactView contact)
    {
        var population = _run.Population;
        var shape = _run.Shapes[contact.Persona];
        var c = contact.Contact;
        var industry = population.IndustryIds[c];
        var region = population.RegionIds[c];
        var employees = population.EmployeeCounts[c];
        if (!shape.IsOutsideIcp(industry, region, employees))
        {
            return;
        }

        var s = _counts[contact.Persona];
        s.Outside++;
        if (contact.Fit is { } outsideFit)
        {
            s.OutsideWithFit++;
            s.OutsideFitSum += outsideFit;
        }

        if (industry >= 0 && shape.IndustryAllowed is { } ia && !ia[industry])
        {
            s.OutsideIndustries[industry]++;
        }

        if (region >= 0 && shape.RegionAllowed is { } ra && !ra[region])
        {
            s.OutsideRegions[region]++;
        }

        if (employees >= 0 && employees < shape.MinEmployees)
        {
            s.OutsideBelowMinEmployees++;
        }
        else if (employees > shape.MaxEmployees)
        {
            s.OutsideAboveMaxEmployees++;
        }
    }

    internal override void AddCandidates(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates) =>
        AddShareCandidate(context, rule, tests, candidates, context.Counts.N, _counts[context.PersonaIndex].Outside, "outside-icp");

    internal override string Headline(Candidate candidate, TraitTaxonomy taxonomy) =>
        $"{Wording.Pct(candidate.Evidence.Observed)} of its people come from accounts outside its ideal customer profile.";

    internal override string Rationale(Candidate candidate, TraitTaxonomy taxonomy)
    {
        var e = candidate.Evidence;
        var (persona, _, _, ci, _, _, _) = Wording.Parts(candidate, taxonomy);
        return $"{Wording.Pct(e.Observed)} of the {Wording.People(e.N)} tagged '{persona}' come from accounts outside its ICP filter{ci}, more than the {Wording.Pct(e.Expected)} tolerated ({Wording.QIs(e.QValue)}). Either tagging is too loose or the ICP is too narrow.";
    }

    internal override RevisionSuggestion? Suggest(Finding finding, Persona persona, SuggestionContext context)
    {
        var e = finding.Evidence;
        if (context.Leaks.TryGetValue(persona.Id, out var leak) && leak.OutsideMeanFit >= leak.InsideMeanFit - WidenIcpFitMargin)
        {
            var details = leak.Industries.Select(i => "industry:" + i)
                .Concat(leak.Regions.Select(r => "region:" + r))
                .Concat(leak.BelowMinEmployees > 0 ? ["employees:lower-minimum"] : [])
                .Concat(leak.AboveMaxEmployees > 0 ? ["employees:raise-maximum"] : [])
                .ToImmutableArray();
            return SuggestionContext.Make(finding, persona, SuggestionType.WidenIcp, null,
                $"Widen the ICP of '{persona.Name}': {SuggestionContext.Pct(e.Observed)} of tagged people come from outside it, and they fit the persona as well as the rest (mean fit {SuggestionContext.F(leak.OutsideMeanFit)} vs {SuggestionContext.F(leak.InsideMeanFit)}). Most come from: {string.Join(", ", Plain(leak).Take(4))}.",
                details);
        }

        return SuggestionContext.Make(finding, persona, SuggestionType.TightenTagging, null,
            $"Tighten tagging of '{persona.Name}': {SuggestionContext.Pct(e.Observed)} of tagged people come from outside its ICP and fit it worse than the rest ({SuggestionContext.F(leak?.OutsideMeanFit)} vs {SuggestionContext.F(leak?.InsideMeanFit)}).");
    }

    /// <summary>Where the people outside the ICP come from, in words (the details keep the keys the revision applier reads).</summary>
    private static IEnumerable<string> Plain(IcpLeak leak) =>
        leak.Industries.Select(i => $"the {i.Replace('-', ' ')} industry")
            .Concat(leak.Regions.Select(r => $"the {r.Replace('-', ' ')} region"))
            .Concat(leak.BelowMinEmployees > 0 ? ["companies below its minimum size"] : [])
            .Concat(leak.AboveMaxEmployees > 0 ? ["companies above its maximum size"] : []);

    internal override PersonaSummary Summarize(PersonaContext context, PersonaSummary summary)
    {
        var n = context.Counts.N;
        return summary with { OutsideIcpShare = n == 0 ? 0 : Math.Round((double)_counts[context.PersonaIndex].Outside / n, 4) };
    }

    /// <summary>Where a persona's out-of-ICP people come from and how they fit, for the ICP suggestion.</summary>
    internal IcpLeak LeakOf(int persona)
    {
        static ImmutableArray<string> Top(long[] counts, IReadOnlyList<string> names) =>
            [.. counts.Select((count, id) => (count, id)).Where(x => x.count > 0).OrderByDescending(x => x.count).ThenBy(x => x.id).Take(5).Select(x => names[x.id])];
        var s = _counts[persona];
        var all = _run.Counts[persona];
        var inside = all.WithFit - s.OutsideWithFit == 0 ? 0 : (all.FitSum - s.OutsideFitSum) / (all.WithFit - s.OutsideWithFit);
        var outside = s.OutsideWithFit == 0 ? 0 : s.OutsideFitSum / s.OutsideWithFit;
        return new IcpLeak(
            Math.Round(inside, 4),
            Math.Round(outside, 4),
            Top(s.OutsideIndustries, _run.Population.Industries),
            Top(s.OutsideRegions, _run.Population.Regions),
            s.OutsideBelowMinEmployees,
            s.OutsideAboveMaxEmployees);
    }

    /// <summary>One persona's out-of-ICP counts.</summary>
    private sealed class Counts(int industryCount, int regionCount)
    {
        public long Outside;
        public long OutsideWithFit;
        public double OutsideFitSum;
        public readonly long[] OutsideIndustries = new long[industryCount];
        public readonly long[] OutsideRegions = new long[regionCount];
        public long OutsideBelowMinEmployees;
        public long OutsideAboveMaxEmployees;
    }
}
