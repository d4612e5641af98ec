using System.Collections.Immutable;
using System.Globalization;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Drift.Statistics;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Engine;

public sealed partial class DriftEngine
{
    /// <summary>Smallest group on either side before recorded and unrecorded people are compared.</summary>
    private const int BiasMinimumGroup = 30;

    /// <summary>Difference in the share of recently active people that counts as marked.</summary>
    private const double BiasMinimumDifference = 0.15;

    /// <summary>The comparison must also be beyond chance at this level (it is a caveat, not a finding: no FDR control).</summary>
    private const double BiasSignificance = 0.001;

    /// <summary>
    /// Profile coverage per dimension: a data-quality finding when the share of tagged people with the dimension recorded
    /// is clearly below the rule's threshold (the whole 95% interval below it), never drift.
    /// </summary>
    private static void AddCoverageCandidates(PersonaContext context, DriftRule rule, List<Candidate> candidates)
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

            var recorded = context.Stats.Recorded[(int)dimension];
            var coverage = (double)recorded / n;
            var interval = WilsonInterval.Compute(recorded, n);
            candidates.Add(new Candidate(rule, persona, dimension, null, null,
                new Evidence(n, coverage, rule.Threshold, interval.Low, interval.High, "coverage", coverage, null, null, rule.MinimumSample, coverage),
                coverage, interval.High < rule.Threshold, -1, DataQuality: true));
        }
    }

    /// <summary>
    /// When the people with a dimension recorded are not like the others, the prevalences describe the recorded people
    /// only. The data holds one thing about both groups: behaviour signals. If the share with a signal in the last 90 days
    /// differs markedly (≥ 15 points, p &lt; 0.001), the evidence says so.
    /// </summary>
    internal static string? RecordedBias(PersonaContext context, TraitDimension dimension)
    {
        var stats = context.Stats;
        var d = (int)dimension;
        var recorded = stats.Recorded[d];
        var unrecorded = stats.N - recorded;
        if (recorded < BiasMinimumGroup || unrecorded < BiasMinimumGroup)
        {
            return null;
        }

        var activeRecorded = stats.RecordedActive[d];
        var activeUnrecorded = stats.Active - activeRecorded;
        var shareRecorded = (double)activeRecorded / recorded;
        var shareUnrecorded = (double)activeUnrecorded / unrecorded;
        var test = ProportionTest.TwoSample(activeRecorded, recorded, activeUnrecorded, unrecorded);
        if (Math.Abs(shareRecorded - shareUnrecorded) < BiasMinimumDifference || test.PValue >= BiasSignificance)
        {
            return null;
        }

        var name = dimension.ToDisplayName().ToLowerInvariant();
        return string.Create(CultureInfo.InvariantCulture,
            $"The {recorded} people with {name} recorded are {(shareRecorded > shareUnrecorded ? "more" : "less")} active than the {unrecorded} without ({Rationales.Pct(shareRecorded)} vs {Rationales.Pct(shareUnrecorded)} had a behaviour signal in the last 90 days): these figures describe the people with {name} recorded, who may not be typical of the persona.");
    }

    /// <summary>
    /// Per persona, the contacts whose missing declared dimensions would most strengthen its evidence: the less a
    /// dimension is covered, the more a contact missing it is worth (the sum of 1 − coverage over its missing dimensions);
    /// recently active contacts come first (their data counts and they are easier to ask). Built from the buckets the
    /// single pass filled, capped at <see cref="EvaluationOptions.WorklistSize"/>.
    /// </summary>
    private ImmutableArray<EnrichmentWorklist> Worklists(CompactPopulation population, PersonaShape[] shapes, PersonaStats[] stats)
    {
        var worklists = ImmutableArray.CreateBuilder<EnrichmentWorklist>(shapes.Length);
        for (var p = 0; p < shapes.Length; p++)
        {
            var s = stats[p];
            var shape = shapes[p];
            var coverage = new double[TraitDimensions.Count];
            for (var d = 0; d < coverage.Length; d++)
            {
                coverage[d] = s.N == 0 ? 0 : (double)s.Recorded[d] / s.N;
            }

            var order = Enumerable.Range(0, s.WorklistBuckets.Length)
                .Where(b => s.WorklistBuckets[b].Count > 0)
                .Select(b => (Bucket: b, Missing: b >> 1, Active: (b & 1) == 1))
                .OrderByDescending(b => b.Active)
                .ThenByDescending(b => Worth(b.Missing, coverage))
                .ThenBy(b => b.Missing);
            var contacts = ImmutableArray.CreateBuilder<EnrichmentCandidate>();
            foreach (var (bucket, missing, active) in order)
            {
                var dimensions = TraitDimensions.All.Where(d => (missing & CompactPopulation.Bit(d)) != 0).OrderBy(d => coverage[(int)d]).ThenBy(d => d).ToImmutableArray();
                var reason = WorklistReason(shape.Persona, dimensions, coverage, s.N);
                foreach (var c in s.WorklistBuckets[bucket])
                {
                    if (contacts.Count == _options.WorklistSize)
                    {
                        break;
                    }

                    contacts.Add(new EnrichmentCandidate(population.ContactIds[c], contacts.Count + 1, dimensions, active, reason));
                }
            }

            worklists.Add(new EnrichmentWorklist(shape.Persona.Id, contacts.ToImmutable(), s.MissingDeclared));
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
            $"Nothing recorded for {names}. Only {Rationales.Pct(coverage[(int)least])} of the {n} people tagged '{persona.Name}' have {least.ToDisplayName().ToLowerInvariant()} recorded, so each one captured sharpens what the persona is checked against.");
    }
}
