using CrmPersonCentric.Drift.Statistics;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Fit;

namespace CrmPersonCentric.Benchmarks;

/// <summary>
/// The straightforward way to compute the same figures: LINQ over profile objects and string trait keys, signals looked
/// up per contact. Like the engine it counts per dimension only the people who recorded it (the conditional expectation
/// w / r), pools the long tail into an "other" bin, calibrates the JS distance with the same 199-draw bootstrap, checks
/// coverage and the recorded-vs-unrecorded bias, calibrates the split with 9 permutations and ranks the worklists. It
/// is the baseline the engine is measured against, not product code.
/// </summary>
public static class LinqBaseline
{
    private const int BootstrapSamples = 199;
    private const int Permutations = 9;

    public static int Evaluate(IReadOnlyList<Persona> personas, IReadOnlyList<PersonProfile> profiles, IReadOnlyList<BehaviourSignal> signals, DateTimeOffset asOf)
    {
        var windowStart = asOf.AddDays(-90);
        var previousStart = asOf.AddDays(-180);
        var signalsByContact = signals.Where(s => s.OccurredOn <= asOf).ToLookup(s => s.ContactId);
        var pValues = new List<double>();
        var descriptive = 0.0;
        foreach (var persona in personas)
        {
            var members = profiles.Where(p => p.PersonaId == persona.Id).ToList();
            var active = members.Where(m => signalsByContact[m.ContactId].Any(s => s.OccurredOn > windowStart)).Select(m => m.ContactId).ToHashSet();
            var coverage = new Dictionary<TraitDimension, double>();
            var longTailKeys = new HashSet<string>();
            foreach (var dimension in TraitDimensions.All)
            {
                var recorded = members.Where(m => !m.Traits[dimension].IsDefaultOrEmpty).ToList();
                var n = recorded.Count;
                coverage[dimension] = members.Count == 0 ? 0 : (double)n / members.Count;
                descriptive += WilsonInterval.Compute(n, Math.Max(1, members.Count)).High;
                var unrecorded = members.Count - n;
                if (n > 0 && unrecorded > 0)
                {
                    var activeRecorded = recorded.Count(m => active.Contains(m.ContactId));
                    descriptive += ProportionTest.TwoSample(activeRecorded, n, active.Count - activeRecorded, unrecorded).PValue;
                }

                if (n == 0)
                {
                    continue;
                }

                var counts = recorded.SelectMany(m => m.Traits[dimension]).GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
                var declared = persona.TraitsIn(dimension).ToDictionary(t => t.Key, t => t.ExpectedPrevalence);
                var r = 1 - declared.Values.Aggregate(1.0, (product, w) => product * (1 - w));
                r = r <= 0 ? 1 : r;
                foreach (var (key, weight) in declared)
                {
                    var count = counts.GetValueOrDefault(key);
                    descriptive += WilsonInterval.Compute(count, n).Low * r;
                    pValues.Add(ProportionTest.TwoSided(count, n, Math.Min(weight / r, 0.999)).PValue);
                }

                foreach (var (key, count) in counts.Where(c => !declared.ContainsKey(c.Key)))
                {
                    pValues.Add(ProportionTest.Greater(count, n, Math.Min(0.15 / r, 0.999)).PValue);
                }

                var longTail = Math.Max(5, (int)Math.Ceiling(0.02 * n));
                var rare = counts.Where(c => !declared.ContainsKey(c.Key) && c.Value < longTail).ToList();
                longTailKeys.UnionWith(rare.Select(c => dimension + ":" + c.Key));
                var other = (double)rare.Sum(c => c.Value) / n;
                var bins = declared.Keys.Union(counts.Keys.Where(k => declared.ContainsKey(k) || counts[k] >= longTail)).ToList();
                var expected = bins.Select(b => declared.TryGetValue(b, out var w) ? Math.Min(w / r, 1) : 0).Append(other).ToArray();
                var observed = bins.Select(b => (double)counts.GetValueOrDefault(b) / n).Append(other).ToArray();
                var raw = JensenShannon.Distance(expected, observed);
                var random = new Random(persona.Id.GetHashCode(StringComparison.Ordinal) ^ (int)dimension);
                var nulls = Enumerable.Range(0, BootstrapSamples)
                    .Select(_ => JensenShannon.Distance(expected, expected.Select(p => BinomialDraw.Sample(random, p, n) / (double)n).ToArray()))
                    .Order().ToList();
                descriptive += Math.Max(0, raw - nulls[BootstrapSamples / 2]);
                pValues.Add((nulls.Count(x => x >= raw) + 1.0) / (BootstrapSamples + 1));

                var current = recorded.Where(m => m.ProfileUpdatedOn > windowStart).SelectMany(m => m.Traits[dimension]).GroupBy(k => bins.Contains(k) ? k : "other").ToDictionary(g => g.Key, g => (double)g.Count());
                var previous = recorded.Where(m => m.ProfileUpdatedOn <= windowStart && m.ProfileUpdatedOn > previousStart).SelectMany(m => m.Traits[dimension]).GroupBy(k => bins.Contains(k) ? k : "other").ToDictionary(g => g.Key, g => (double)g.Count());
                var psiBins = current.Keys.Union(previous.Keys).ToList();
                descriptive += PopulationStabilityIndex.Compute(psiBins.Select(b => previous.GetValueOrDefault(b)).ToArray(), psiBins.Select(b => current.GetValueOrDefault(b)).ToArray());
            }

            var fits = members.Select(m => PersonaFit.Compute(persona, m.Traits)).OfType<double>().ToList();
            pValues.Add(ProportionTest.Greater(fits.Count(f => f < 0.3), Math.Max(1, fits.Count), 0.2).PValue);
            descriptive += fits.DefaultIfEmpty().Average();
            pValues.Add(ProportionTest.Greater(members.Count(m => !persona.Icp.Matches(m.Account)), Math.Max(1, members.Count), 0.1).PValue);

            foreach (var expectation in persona.Behaviours)
            {
                var showing = members.Count(m => signalsByContact[m.ContactId].Any(s => s.Type == expectation.Type && s.Layer == expectation.Layer && s.OccurredOn > windowStart));
                pValues.Add(ProportionTest.TwoSided(showing, Math.Max(1, members.Count), expectation.ExpectedShare).PValue);
                var events = members.Sum(m => signalsByContact[m.ContactId].Count(s => s.Type == expectation.Type && s.Layer == expectation.Layer && s.OccurredOn > windowStart));
                descriptive += events;
            }

            var withDesire = members.Where(m => m.HasDeepPersonalDesire).ToList();
            bool Responded(PersonProfile m, MessagingLayer layer) =>
                signalsByContact[m.ContactId].Any(s => s.Type == BehaviourType.MessagingResponse && s.Layer == layer && s.OccurredOn > windowStart);
            var layer4Only = withDesire.Count(m => Responded(m, MessagingLayer.DeepPersonalDesire) && !Responded(m, persona.Messaging.ReachedLayer));
            var reachedOnly = withDesire.Count(m => !Responded(m, MessagingLayer.DeepPersonalDesire) && Responded(m, persona.Messaging.ReachedLayer));
            pValues.Add(McNemarTest.FirstGreater(layer4Only, reachedOnly).PValue);

            descriptive += Split(members.Where(m => m.Traits.Count > 0).ToList(), longTailKeys);
            descriptive += Worklist(persona, members, active, coverage).Count;
        }

        return BenjaminiHochberg.Adjust(pValues.ToArray()).Count(q => q <= 0.05) + (descriptive > 0 ? 0 : 1);
    }

    private static List<string> Worklist(Persona persona, List<PersonProfile> members, HashSet<string> active, Dictionary<TraitDimension, double> coverage)
    {
        var declaredDimensions = TraitDimensions.All.Where(d => persona.TraitsIn(d).Any()).ToList();
        return [.. members
            .Select(m => (m.ContactId, Missing: declaredDimensions.Where(d => m.Traits[d].IsDefaultOrEmpty).ToList()))
            .Where(c => c.Missing.Count > 0)
            .OrderByDescending(c => active.Contains(c.ContactId))
            .ThenByDescending(c => c.Missing.Sum(d => 1 - coverage[d]))
            .Take(25)
            .Select(c => c.ContactId)];
    }

    private static double Split(List<PersonProfile> members, HashSet<string> longTail)
    {
        var stride = Math.Max(1, (members.Count + 299) / 300);
        var sample = members.Where((_, i) => i % stride == 0).Take(300)
            .Select(m => TraitDimensions.All.Where(d => !m.Traits[d].IsDefaultOrEmpty)
                .ToDictionary(d => d, d => m.Traits[d].Where(k => !longTail.Contains(d + ":" + k)).ToHashSet()))
            .ToList();
        var observed = BestSilhouette(sample);
        var random = new Random(sample.Count);
        var nulls = new List<double>();
        for (var b = 0; b < Permutations; b++)
        {
            // Each trait's holders reshuffled among the people with its dimension recorded.
            var permuted = sample.Select(s => s.Keys.ToDictionary(d => d, _ => new HashSet<string>())).ToList();
            foreach (var (dimension, key, count) in sample.SelectMany(s => s.SelectMany(kv => kv.Value.Select(k => (kv.Key, k))))
                .GroupBy(t => t).Select(g => (g.Key.Key, g.Key.k, g.Count())))
            {
                var eligible = Enumerable.Range(0, sample.Count).Where(i => sample[i].ContainsKey(dimension)).ToArray();
                random.Shuffle(eligible);
                foreach (var i in eligible.Take(count))
                {
                    permuted[i][dimension].Add(key);
                }
            }

            nulls.Add(BestSilhouette(permuted));
        }

        return observed - nulls.Order().ElementAt(Permutations / 2);
    }

    private static double BestSilhouette(List<Dictionary<TraitDimension, HashSet<string>>> sample)
    {
        var n = sample.Count;
        var distances = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var common = sample[i].Keys.Intersect(sample[j].Keys).ToList();
                var a = common.SelectMany(d => sample[i][d].Select(k => d + ":" + k)).ToHashSet();
                var b = common.SelectMany(d => sample[j][d].Select(k => d + ":" + k)).ToHashSet();
                var union = a.Union(b).Count();
                distances[(i * n) + j] = common.Count == 0 || union == 0 ? 0.5 : 1 - ((double)a.Intersect(b).Count() / union);
            }
        }

        var best = 0.0;
        for (var k = 2; k <= Math.Min(4, n - 1); k++)
        {
            var clustering = KMedoids.Cluster(distances, n, k);
            best = Math.Max(best, KMedoids.Silhouette(distances, n, k, clustering.Labels.ToArray()));
        }

        return best;
    }
}
