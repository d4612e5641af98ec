using System.Runtime.CompilerServices;
using System.Collections.Immutable;
using System.Globalization;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Drift.Statistics;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Drift.Analyzers;

/// <summary>
/// How much of each persona is known: profile coverage per dimension (a data-quality finding when clearly below the
/// rule's threshold, never drift), whether the people with a dimension recorded are like the others (the caveat other
/// analyzers attach to their evidence), and the enrichment worklists: whom to ask first.
/// </summary>
public sealed class CoverageAnalyzer : DriftAnalyzer
{
    /// <summary>Smallest group on either side before recorded and unrecorded people are compared.</summary>
    private const int BiasMinimumGroup = 30;

    /// <summary>Difference in the share of recently active people that counts as marked.</summary>
    private const double BiasMinimumDifference = 0.15;

    /// <summary>The comparison must also be beyond chance at this level (it is a caveat, not a finding: no FDR control).</summary>
    private const double BiasSignificance = 0.001;

    private EvaluationRun _run = null!;
    private Counts[] _counts = [];

    /// <inheritdoc />
    public override ImmutableArray<DriftMetric> Metrics { get; } = [DriftMetric.ProfileCoverage];

    internal override bool CountsContacts => true;

    internal override void Begin(EvaluationRun run)
    {
        _run = run;
        _counts = [.. run.Shapes.Select(_ => new Counts())];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void Add(in ContactView contact)
    {
        var missing = _run.Shapes[contact.Persona].DeclaredDimensions & ~contact.Recorded;
        if (missing == 0)
        {
            return;
        }

        var s = _counts[contact.Persona];
        s.MissingDeclared++;
        var bucket = s.Buckets[(missing * 2) + (contact.Active ? 1 : 0)];
        if (bucket.Count < _run.Options.WorklistSize)
        {
            bucket.Add(contact.Contact);
        }
    }

    /// <summary>
    /// Profile coverage per dimension: a data-quality finding when the share of tagged people with the dimension recorded
    /// is clearly below the rule's threshold (the whole 95% interval below it), never drift.
    /// </summary>
    internal override void AddCandidates(PersonaContext context, DriftRule rule, TestRegistry tests, List<Candidate> candidates)
    {
        var persona = context.Shape.Persona;
        var n = context.Counts.N;
        foreach (var dimension in DimensionsOf(rule))
        {
            if (n < rule.MinimumSample)
            {
                candidates.Add(Insufficient(rule, persona, n, dimension));
                continue;
            }

            var recorded = context.Counts.Recorded[(int)dimension];
            var coverage = (double)recorded / n;
            var interval = WilsonInterval.Compute(recorded, n);
            candidates.Add(new Candidate(rule, persona, dimension, null, null,
                new Evidence(n, coverage, rule.Threshold, interval.Low, interval.High, "coverage", coverage, null, null, rule.MinimumSample, coverage),
                coverage, interval.High < rule.Threshold, -1, DataQuality: true));
        }
    }

    internal override string Headline(Candidate candidate, TraitTaxonomy taxonomy) =>
        $"Only {Wording.Pct(candidate.Evidence.Observed)} of its people have {candidate.Dimension?.ToDisplayName().ToLowerInvariant()} recorded: the evidence there is thin.";

    internal override string Rationale(Candidate candidate, TraitTaxonomy taxonomy)
    {
        var e = candidate.Evidence;
        var (persona, _, dimension, ci, _, _, _) = Wording.Parts(candidate, taxonomy);
        return $"Only {Wording.Pct(e.Observed)} of the {Wording.People(e.N)} tagged '{persona}' have {dimension} recorded{ci}, below the {Wording.Pct(e.Expected)} this rule expects. The persona is not wrong: its evidence on {dimension} is thin, and every figure on {dimension} rests on {Wording.People((long)Math.Round(e.Observed * e.N))}. The enrichment worklist names whom to ask.";
    }

    /// <summary>
    /// When the people with a dimension recorded are not like the others, the prevalences describe the recorded people
    /// only. The data holds one thing about both groups: behaviour signals. If the share with a signal in the last 90 days
    /// differs markedly (≥ 15 points, p &lt; 0.001), the evidence says so.
    /// </summary>
    internal static string? RecordedBias(PersonaContext context, TraitDimension dimension)
    {
        var counts = context.Counts;
        var d = (int)dimension;
        var recorded = counts.Recorded[d];
        var unrecorded = counts.N - recorded;
        if (recorded < BiasMinimumGroup || unrecorded < BiasMinimumGroup)
        {
            return null;
        }

        var activeRecorded = counts.RecordedActive[d];
        var activeUnrecorded = counts.Active - activeRecorded;
        var shareRecorded = (double)activeRecorded / recorded;
        var shareUnrecorded = (double)activeUnrecorded / unrecorded;
        var test = ProportionTest.TwoSample(activeRecorded, recorded, activeUnrecorded, unrecorded);
        if (Math.Abs(shareRecorded - shareUnrecorded) < BiasMinimumDifference || test.PValue >= BiasSignificance)
        {
            return null;
        }

        var name = dimension.ToDisplayName().ToLowerInvariant();
        return string.Create(CultureInfo.InvariantCulture,
            $"The {Wording.People(recorded)} with {name} recorded are {(shareRecorded > shareUnrecorded ? "more" : "less")} active than the {unrecorded} without ({Wording.Pct(shareRecorded)} vs {Wording.Pct(shareUnrecorded)} had a behaviour signal in the last 90 days): these figures describe the people with {name} recorded, who may not be typical of the persona.");
    }

    /// <summary>
    /// Per persona, the contacts whose missing declared dimensions would most strengthen its evidence: the less a
    /// dimension is covered, the more a contact missing it is worth (the sum of 1 − coverage over its missing dimensions);
    /// recently active contacts come first (their data counts and they are easier to ask). Built from the buckets the
    /// single pass filled, capped at <see cref="EvaluationOptions.WorklistSize"/>.
    /// </summary>
    internal ImmutableArray<EnrichmentWorklist> Worklists()
    {
        var population = _run.Population;
        var worklists = ImmutableArray.CreateBuilder<EnrichmentWorklist>(_counts.Length);
        for (var p = 0; p < _counts.Length; p++)
        {
            var s = _counts[p];
            var counts = _run.Counts[p];
            var coverage = new double[TraitDimensions.Count];
            for (var d = 0; d < coverage.Length; d++)
            {
                coverage[d] = counts.N == 0 ? 0 : (double)counts.Recorded[d] / counts.N;
            }

            var order = Enumerable.Range(0, s.Buckets.Length)
                .Where(b => s.Buckets[b].Count > 0)
                .Select(b => (Bucket: b, Missing: b >> 1, Active: (b & 1) == 1))
                .OrderByDescending(b => b.Active)
                .ThenByDescending(b => Worth(b.Missing, coverage))
                .ThenBy(b => b.Missing);
            var contacts = ImmutableArray.CreateBuilder<EnrichmentCandidate>();
            var persona = _run.Shapes[p].Persona;
            foreach (var (bucket, missing, active) in order)
            {
                var dimensions = TraitDimensions.All.Where(d => (missing & CompactPopulation.Bit(d)) != 0).OrderBy(d => coverage[(int)d]).ThenBy(d => d).ToImmutableArray();
                var reason = WorklistReason(persona, dimensions, coverage, counts.N);
                foreach (var c in s.Buckets[bucket])
                {
                    if (contacts.Count == _run.Options.WorklistSize)
                    {
                        break;
                    }

                    contacts.Add(new EnrichmentCandidate(population.ContactIds[c], contacts.Count + 1, dimensions, active, reason));
                }
            }

            worklists.Add(new EnrichmentWorklist(persona.Id, contacts.ToImmutable(), s.MissingDeclared));
        }

        return worklists.ToImmutable();
    }

    private static double Worth(int missing, double[] coverage)
    {
        double worth = 0;
        for (var d = 0; d < coverage.Length; d++)
        {
            if ((missing & (1 << d)) != 0)
            {
                worth += 1 - coverage[d];
            }
        }

        return worth;
    }

    private static string WorklistReason(Persona persona, ImmutableArray<TraitDimension> missing, double[] coverage, long n)
    {
        var least = missing[0];
        var names = string.Join(", ", missing.Select(d => d.ToDisplayName().ToLowerInvariant()));
        return string.Create(CultureInfo.InvariantCulture,
            $"Nothing recorded for {names}. Only {Wording.Pct(coverage[(int)least])} of the {Wording.People(n)} tagged '{persona.Name}' have {least.ToDisplayName().ToLowerInvariant()} recorded, so each one captured sharpens what the persona is checked against.");
    }

    /// <summary>One persona's worklist counts: people missing a declared dimension, and candidates by (missing mask × 2 + active).</summary>
    private sealed class Counts
    {
        public Counts()
        {
            for (var b = 0; b < Buckets.Length; b++)
            {
                Buckets[b] = [];
            }
        }

        public long MissingDeclared;

        /// <summary>
        /// Enrichment candidates by (missing declared dimensions mask × 2 + active), each at most the worklist's size of
        /// contact indices in population order: ranked once coverage is known, without a second pass.
        /// </summary>
        public readonly List<int>[] Buckets = new List<int>[(1 << TraitDimensions.Count) * 2];
    }
}
