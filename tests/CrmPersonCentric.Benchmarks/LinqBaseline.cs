using CrmPersonCentric.Drift.Statistics;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Fit;
using CrmPersonCentric.Model.Taxonomy;

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
            descriptive += Persons(persona, members, signalsByContact, asOf, pValues);
        }

        return BenjaminiHochberg.Adjust(pValues.ToArray()).Count(q => q <= 0.05) + (descriptive > 0 ? 0 : 1);
    }

    /// <summary>Persons over averages the same way: trust channels, the journey, themes per layer, advocates, referrers and bridges.</summary>
    private static double Persons(Persona persona, List<PersonProfile> members, ILookup<string, BehaviourSignal> signalsByContact, DateTimeOffset asOf, List<double> pValues)
    {
        var descriptive = 0.0;
        var withTrust = members.Where(m => m.Trust != TrustModes.None).ToList();
        foreach (var channel in TrustExpectation.Channels)
        {
            var count = withTrust.Count(m => m.Trust.HasFlag(channel));
            var declared = persona.TrustChannels.FirstOrDefault(t => t.Channel == channel);
            pValues.Add(declared is null ? ProportionTest.Greater(count, Math.Max(1, withTrust.Count), 0.15).PValue : ProportionTest.TwoSided(count, Math.Max(1, withTrust.Count), declared.ExpectedShare).PValue);
        }

        var year = asOf.AddDays(-365);
        var quarter = asOf.AddDays(-90);
        var functions = members.Select(m => signalsByContact[m.ContactId].Where(s => s.OccurredOn > year && s.Source is not null).Select(s => s.Source!.Value).Distinct().Count()).ToList();
        descriptive += functions.Count(f => f == 1) + functions.Count(f => f > 0);

        var themes = ThemeTaxonomy.Default;
        var responses = members
            .SelectMany(m => signalsByContact[m.ContactId].Where(s => s.Type == BehaviourType.MessagingResponse && s.OccurredOn > quarter && themes.KeyOf(s.Theme) is not null)
                .Select(s => (m.ContactId, Theme: themes.KeyOf(s.Theme)!, Layer: themes.Find(themes.KeyOf(s.Theme)!)?.Layer ?? s.Layer)).Distinct())
            .GroupBy(r => (r.Theme, r.Layer))
            .ToDictionary(g => g.Key, g => (long)g.Count());
        foreach (var ((theme, layer), count) in responses.Where(r => r.Value >= 5))
        {
            var others = responses.Where(r => r.Key.Layer == layer && r.Key.Theme != theme).ToList();
            if (others.Count > 0)
            {
                pValues.Add(ProportionTest.TwoSampleGreater(count, Math.Max(1, members.Count), others.Sum(o => o.Value), Math.Max(1, members.Count) * others.Count).PValue);
            }
        }

        BehaviourType[] kinds = [BehaviourType.CommunityContribution, BehaviourType.Referral, BehaviourType.Advocacy, BehaviourType.ContentCoCreation];
        var perPerson = members.Select(m => kinds.Select(k => signalsByContact[m.ContactId].Count(s => s.Type == k && s.OccurredOn > quarter)).ToArray()).ToList();
        for (var k = 0; k < kinds.Length; k++)
        {
            var nonZero = perPerson.Select(c => (double)c[k]).Where(c => c > 0).Order().ToList();
            if (nonZero.Count < 10)
            {
                continue;
            }

            var median = nonZero[nonZero.Count / 2];
            var mad = nonZero.Select(c => Math.Abs(c - median)).Order().ElementAt(nonZero.Count / 2);
            descriptive += perPerson.Count(c => c[k] > median + (3.5 * Math.Max(1.4826 * mad, 1)));
        }

        var totals = perPerson.Select(c => c.Sum()).Where(t => t > 0).OrderDescending().ToList();
        descriptive += totals.Take((int)Math.Ceiling(totals.Count / 10.0)).Sum() / Math.Max(1.0, totals.Sum());
        descriptive += members.Count(m => signalsByContact[m.ContactId].Where(s => s.Type == BehaviourType.Referral && s.OccurredOn > quarter && s.RelatedContactId is not null)
            .Select(s => s.RelatedContactId!.Trim().ToLowerInvariant()).Distinct().Count() >= 3);

        var social = members.Select(m => m.Traits[TraitDimension.Community].Select(t => "c:" + t).Concat(m.Traits[TraitDimension.PeerGroup].Select(t => "p:" + t)).ToList()).ToList();
        var pairs = social.SelectMany(s => s.SelectMany((a, i) => s.Skip(i + 1).Select(b => string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a)))).GroupBy(p => p).Where(g => g.Count() >= 2).Select(g => g.Key).ToList();
        var group = social.SelectMany(s => s).Distinct().ToDictionary(t => t, t => t);
        string Root(string t) => group[t] == t ? t : group[t] = Root(group[t]);
        foreach (var (a, b) in pairs)
        {
            var (ra, rb) = (Root(a), Root(b));
            if (ra != rb)
            {
                group[ra] = rb;
            }
        }

        var sizes = social.SelectMany(s => s.Select(Root).Distinct()).GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
        var minimum = Math.Max(5, (int)Math.Ceiling(0.02 * social.Count(s => s.Count > 0)));
        descriptive += social.Count(s => s.Select(Root).Distinct().Count(r => sizes[r] - 1 >= minimum) >= 2);
        return descriptive;
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
