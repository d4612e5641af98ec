using CrmPersonCentric.Drift.Statistics;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Fit;

namespace CrmPersonCentric.Benchmarks;

/// <summary>
/// The straightforward way to compute the same figures: LINQ over profile objects and string trait keys,
/// signals looked up per contact. It is the baseline the engine is measured against, not product code.
/// </summary>
public static class LinqBaseline
{
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
            var n = members.Count;
            foreach (var dimension in TraitDimensions.All)
            {
                var counts = members.SelectMany(m => m.Traits[dimension]).GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
                var declared = persona.TraitsIn(dimension).ToDictionary(t => t.Key, t => t.ExpectedPrevalence);
                foreach (var (key, expected) in declared)
                {
                    var count = counts.GetValueOrDefault(key);
                    descriptive += WilsonInterval.Compute(count, n).Low;
                    pValues.Add(ProportionTest.TwoSided(count, n, expected).PValue);
                }

                foreach (var (key, count) in counts.Where(c => !declared.ContainsKey(c.Key)))
                {
                    pValues.Add(ProportionTest.Greater(count, n, 0.15).PValue);
                }

                var bins = declared.Keys.Union(counts.Keys).ToList();
                descriptive += JensenShannon.Distance(
                    bins.Select(b => declared.GetValueOrDefault(b)).ToArray(),
                    bins.Select(b => (double)counts.GetValueOrDefault(b) / n).ToArray());

                var current = members.Where(m => m.ProfileUpdatedOn > windowStart).SelectMany(m => m.Traits[dimension]).GroupBy(k => k).ToDictionary(g => g.Key, g => (double)g.Count());
                var previous = members.Where(m => m.ProfileUpdatedOn <= windowStart && m.ProfileUpdatedOn > previousStart).SelectMany(m => m.Traits[dimension]).GroupBy(k => k).ToDictionary(g => g.Key, g => (double)g.Count());
                var psiBins = current.Keys.Union(previous.Keys).ToList();
                descriptive += PopulationStabilityIndex.Compute(psiBins.Select(b => previous.GetValueOrDefault(b)).ToArray(), psiBins.Select(b => current.GetValueOrDefault(b)).ToArray());
            }

            var fits = members.Select(m => PersonaFit.Compute(persona, m.Traits)).OfType<double>().ToList();
            pValues.Add(ProportionTest.Greater(fits.Count(f => f < 0.3), Math.Max(1, fits.Count), 0.2).PValue);
            descriptive += fits.DefaultIfEmpty().Average();
            pValues.Add(ProportionTest.Greater(members.Count(m => !persona.Icp.Matches(m.Account)), n, 0.1).PValue);

            foreach (var expectation in persona.Behaviours)
            {
                var active = members.Count(m => signalsByContact[m.ContactId].Any(s => s.Type == expectation.Type && s.Layer == expectation.Layer && s.OccurredOn > windowStart));
                pValues.Add(ProportionTest.TwoSided(active, n, expectation.ExpectedShare).PValue);
                var events = members.Sum(m => signalsByContact[m.ContactId].Count(s => s.Type == expectation.Type && s.Layer == expectation.Layer && s.OccurredOn > windowStart));
                descriptive += events;
            }

            var withDesire = members.Where(m => m.HasDeepPersonalDesire).ToList();
            bool Responded(PersonProfile m, MessagingLayer layer) =>
                signalsByContact[m.ContactId].Any(s => s.Type == BehaviourType.MessagingResponse && s.Layer == layer && s.OccurredOn > windowStart);
            var layer4Only = withDesire.Count(m => Responded(m, MessagingLayer.DeepPersonalDesire) && !Responded(m, persona.Messaging.ReachedLayer));
            var reachedOnly = withDesire.Count(m => !Responded(m, MessagingLayer.DeepPersonalDesire) && Responded(m, persona.Messaging.ReachedLayer));
            pValues.Add(McNemarTest.FirstGreater(layer4Only, reachedOnly).PValue);

            descriptive += Split(members.Where(m => m.Traits.Count > 0).ToList());
        }

        return BenjaminiHochberg.Adjust(pValues.ToArray()).Count(q => q <= 0.05) + (descriptive > 0 ? 0 : 1);
    }

    private static double Split(List<PersonProfile> members)
    {
        var stride = Math.Max(1, (members.Count + 299) / 300);
        var sample = members.Where((_, i) => i % stride == 0).Take(300)
            .Select(m => m.Traits.All().Select(t => t.Dimension + ":" + t.Key).ToHashSet()).ToList();
        var n = sample.Count;
        var distances = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var union = sample[i].Union(sample[j]).Count();
                distances[(i * n) + j] = union == 0 ? 0 : 1 - ((double)sample[i].Intersect(sample[j]).Count() / union);
            }
        }

        var best = 0.0;
        for (var k = 2; k <= 4; k++)
        {
            var clustering = KMedoids.Cluster(distances, n, k);
            best = Math.Max(best, KMedoids.Silhouette(distances, n, k, clustering.Labels.ToArray()));
        }

        return best;
    }
}
