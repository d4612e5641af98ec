using System.Collections.Immutable;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Statistics;

namespace CrmPersonCentric.Drift.Engine;

/// <summary>
/// Looks for well-separated groups inside one persona: k-medoids on the Jaccard distances of the trait sets of a
/// deterministic stride sample of its people, k from 2 up, choosing the k with the best mean silhouette.
/// </summary>
internal static class SplitDetector
{
    private const int DefiningTraitsPerGroup = 4;

    public static SplitResult? Detect(CompactPopulation population, int persona, float[] fits, int sampleSize, int maxGroups)
    {
        var members = Sample(population, persona, sampleSize);
        var n = members.Length;
        if (n < 4)
        {
            return null;
        }

        var distances = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            var a = population.TraitsOf(members[i]);
            for (var j = i + 1; j < n; j++)
            {
                var d = JaccardDistance.Compute(a, population.TraitsOf(members[j]));
                distances[(i * n) + j] = d;
                distances[(j * n) + i] = d;
            }
        }

        Clustering? best = null;
        var bestSilhouette = double.MinValue;
        for (var k = 2; k <= Math.Min(maxGroups, n - 1); k++)
        {
            var clustering = KMedoids.Cluster(distances, n, k);
            var silhouette = KMedoids.Silhouette(distances, n, k, clustering.Labels.ToArray());
            if (silhouette > bestSilhouette + 1e-12)
            {
                bestSilhouette = silhouette;
                best = clustering;
            }
        }

        return best is null ? null : new SplitResult(n, bestSilhouette, Describe(population, members, best, fits));
    }

    /// <summary>Every ⌈m / size⌉-th member with at least one trait, in population order.</summary>
    private static int[] Sample(CompactPopulation population, int persona, int size)
    {
        var eligible = 0;
        for (var c = 0; c < population.Count; c++)
        {
            if (population.PersonaIndex[c] == persona && population.TraitOffsets[c + 1] > population.TraitOffsets[c])
            {
                eligible++;
            }
        }

        var stride = Math.Max(1, (eligible + size - 1) / size);
        var sample = new List<int>(Math.Min(size, eligible));
        var seen = 0;
        for (var c = 0; c < population.Count && sample.Count < size; c++)
        {
            if (population.PersonaIndex[c] == persona && population.TraitOffsets[c + 1] > population.TraitOffsets[c])
            {
                if (seen++ % stride == 0)
                {
                    sample.Add(c);
                }
            }
        }

        return [.. sample];
    }

    private static ImmutableArray<SplitGroup> Describe(CompactPopulation population, int[] members, Clustering clustering, float[] fits)
    {
        var k = clustering.K;
        var sizes = new int[k];
        var fitSums = new double[k];
        var fitCounts = new int[k];
        var traitCounts = new Dictionary<int, int[]>();
        for (var i = 0; i < members.Length; i++)
        {
            var label = clustering.Labels[i];
            sizes[label]++;
            if (!float.IsNaN(fits[members[i]]))
            {
                fitSums[label] += fits[members[i]];
                fitCounts[label]++;
            }

            foreach (var t in population.TraitsOf(members[i]))
            {
                if (!traitCounts.TryGetValue(t, out var perGroup))
                {
                    traitCounts[t] = perGroup = new int[k];
                }

                perGroup[label]++;
            }
        }

        var groups = ImmutableArray.CreateBuilder<SplitGroup>(k);
        for (var g = 0; g < k; g++)
        {
            var inside = sizes[g];
            var outside = members.Length - inside;
            var defining = traitCounts
                .Select(pair => (Trait: pair.Key,
                    Share: inside == 0 ? 0 : (double)pair.Value[g] / inside,
                    Elsewhere: outside == 0 ? 0 : (double)(pair.Value.Sum() - pair.Value[g]) / outside))
                .Where(x => x.Share >= 0.3)
                .OrderByDescending(x => x.Share - x.Elsewhere)
                .ThenBy(x => x.Trait)
                .Take(DefiningTraitsPerGroup)
                .Select(x => new TraitShare(population.Traits[x.Trait].Dimension, population.Traits[x.Trait].Key, Math.Round(x.Share, 3)))
                .ToImmutableArray();
            groups.Add(new SplitGroup(
                Math.Round((double)inside / members.Length, 3),
                fitCounts[g] == 0 ? 0 : Math.Round(fitSums[g] / fitCounts[g], 3),
                defining));
        }

        return [.. groups.OrderByDescending(g => g.Share)];
    }
}
