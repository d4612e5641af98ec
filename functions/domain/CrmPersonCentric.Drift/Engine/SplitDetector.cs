using System.Buffers;
using System.Runtime.CompilerServices;
using System.Collections.Immutable;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Statistics;

namespace CrmPersonCentric.Drift.Engine;

/// <summary>
/// Looks for well-separated groups inside one persona: k-medoids on the Jaccard distances of the trait sets of a
/// deterministic stride sample of its people, k from 2 up, choosing the k with the best mean silhouette. Incomplete and
/// noisy data are handled before clustering: traits of the long tail (rarer than <see cref="Analyzers.DistributionAnalyzer.LongTailCount"/>)
/// carry no group and are left out, and two people are compared on the dimensions both have recorded only (a pair with
/// none in common takes the mean of the defined distances), so a recording habit cannot pose as a group.
/// </summary>
internal static class SplitDetector
{
    private const int DefiningTraitsPerGroup = 4;

    /// <summary>Permutations of the null: each trait's holders reshuffled among the members with its dimension recorded.</summary>
    private const int NullPermutations = 9;

    /// <summary>The best grouping of a stride sample (<see cref="Sample"/>); <paramref name="keep"/> says per trait id whether it takes part (declared, or frequent enough).</summary>
    public static SplitResult? Detect(CompactPopulation population, int[] members, float[] fits, int maxGroups, bool[] keep)
    {
        var n = members.Length;
        if (n < 4)
        {
            return null;
        }

        var traits = members.Select(m => Kept(population.TraitsOf(m), keep)).ToArray();
        var masks = members.Select(m => population.RecordedDimensions[m]).ToArray();
        var buffer = ArrayPool<double>.Shared.Rent(n * n);
        try
        {
            Distances(traits, masks, population.Traits, buffer);
            var (silhouette, best) = BestClustering(buffer.AsSpan(0, n * n), n, maxGroups);
            return best is null ? null : new SplitResult(n, silhouette, Describe(population, members, best, fits));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Whether the median best silhouette of the sample when it holds no groups but keeps everything else passes a test: per dimension, every
    /// member keeps how many traits they hold and every trait how many members hold it, among the members with the
    /// dimension recorded; only which traits go together is shuffled (a fixed-row, fixed-column null drawn by curveball
    /// trades, Strona et al. 2014). So a continuum (people who hold more of the persona's traits, or fewer: one latent
    /// attitude makes traits correlate strongly) stays in the null and is not taken for groups, while groups (traits that
    /// go together in some people and not in others) leave it. Deterministic for the same sample.
    /// <para>
    /// Only whether the median passes <paramref name="passes"/> (a test that holds for every silhouette up to some value,
    /// and none above) is asked, so the draws stop as soon as a majority of the 9 has answered the same: the median
    /// passes exactly when 5 of the 9 do. The draws made are the first ones of the full sequence, so the answer is the
    /// full median's; 5 to 9 clusterings instead of 9.
    /// </para>
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool NullMedianPasses(CompactPopulation population, int persona, int[] members, int maxGroups, bool[] keep, Func<double, bool> passes)
    {
        var n = members.Length;
        var masks = members.Select(m => population.RecordedDimensions[m]).ToArray();
        var original = members.Select(m => Kept(population.TraitsOf(m), keep)).ToArray();
        var catalog = population.Traits;

        // Per dimension, the rows (members with it recorded) and each row's traits of that dimension, found once for
        // every permutation.
        var dimensions = Model.TraitDimensions.All.Select(d =>
        {
            var rows = Enumerable.Range(0, n).Where(i => (masks[i] & CompactPopulation.Bit(d)) != 0).ToArray();
            return (Rows: rows, Traits: rows.Select(i => original[i].Where(t => catalog.DimensionOf(t) == d).ToArray()).ToArray());
        }).ToArray();

        var random = new Random(n * 7919 + persona);
        const int Majority = (NullPermutations / 2) + 1;
        int passing = 0, failing = 0;
        // One distance matrix for every permutation, and for every evaluation of the process (each is 720 KB for 300
        // people, on the large object heap).
        var buffer = ArrayPool<double>.Shared.Rent(n * n);
        var pool = new List<int>();
        try
        {
            while (passing < Majority && failing < Majority)
            {
                // A trade keeps every member's count of traits, so each list is made at its final size.
                var permuted = original.Select(traits => new List<int>(traits.Length)).ToArray();
                foreach (var (rows, traits) in dimensions)
                {
                    var sets = traits.Select(t => new HashSet<int>(t)).ToArray();
                    for (var trade = 0; trade < 5 * sets.Length && sets.Length > 1; trade++)
                    {
                        var x = random.Next(sets.Length);
                        var y = random.Next(sets.Length - 1);
                        y += y >= x ? 1 : 0;
                        Curveball(sets[x], sets[y], pool, random);
                    }

                    for (var r = 0; r < rows.Length; r++)
                    {
                        permuted[rows[r]].AddRange(sets[r]);
                    }
                }

                var shuffled = permuted.Select(l => l.Order().ToArray()).ToArray();
                Distances(shuffled, masks, population.Traits, buffer);
                if (passes(BestClustering(buffer.AsSpan(0, n * n), n, maxGroups).Silhouette))
                {
                    passing++;
                }
                else
                {
                    failing++;
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }

        return passing >= Majority;
    }

    /// <summary>One curveball trade: the traits only one of the two holds are pooled and dealt back, each keeping its count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Curveball(HashSet<int> a, HashSet<int> b, List<int> pool, Random random)
    {
        pool.Clear();
        var onlyA = 0;
        foreach (var t in a)
        {
            if (!b.Contains(t))
            {
                pool.Add(t);
                onlyA++;
            }
        }

        foreach (var t in b)
        {
            if (!a.Contains(t))
            {
                pool.Add(t);
            }
        }

        if (onlyA == 0 || onlyA == pool.Count)
        {
            return;
        }

        foreach (var t in pool)
        {
            a.Remove(t);
            b.Remove(t);
        }

        // Shuffled in place: Random.Shuffle of an array is the same draws over its span.
        var shuffled = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pool);
        random.Shuffle(shuffled);
        for (var i = 0; i < shuffled.Length; i++)
        {
            (i < onlyA ? a : b).Add(shuffled[i]);
        }
    }

    private static (double Silhouette, Clustering? Best) BestClustering(ReadOnlySpan<double> distances, int n, int maxGroups)
    {
        Clustering? best = null;
        var bestSilhouette = double.MinValue;
        var largest = Math.Min(maxGroups, n - 1);
        var order = largest >= 2 ? KMedoids.BuildOrder(distances, n, largest) : [];
        for (var k = 2; k <= largest; k++)
        {
            var clustering = KMedoids.Cluster(distances, n, order.AsSpan(0, k));
            var silhouette = KMedoids.Silhouette(distances, n, k, clustering.Labels.ToArray());
            if (silhouette > bestSilhouette + 1e-12)
            {
                bestSilhouette = silhouette;
                best = clustering;
            }
        }

        return (bestSilhouette, best);
    }

    private static int[] Kept(ReadOnlySpan<int> traits, bool[] keep)
    {
        var kept = new List<int>(traits.Length);
        foreach (var t in traits)
        {
            if (keep[t])
            {
                kept.Add(t);
            }
        }

        return [.. kept];
    }

    /// <summary>
    /// Jaccard distances over the dimensions each pair has in common; undefined pairs take the mean of the others. Written
    /// into the first n × n of <paramref name="distances"/>, every one of them. The sample's traits are numbered afresh (a few hundred at most:
    /// declared or frequent ones) so each member is a bit set and each pair's shared and united traits in their common
    /// dimensions are a few population counts.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Distances(int[][] traits, byte[] masks, TraitCatalog catalog, double[] distances)
    {
        var n = traits.Length;
        var local = new Dictionary<int, int>();
        var dimensionOf = new List<int>();
        foreach (var set in traits)
        {
            foreach (var t in set)
            {
                if (local.TryAdd(t, local.Count))
                {
                    dimensionOf.Add((int)catalog.DimensionOf(t));
                }
            }
        }

        var words = Math.Max(1, (local.Count + 63) / 64);
        var bits = new ulong[n * words];
        for (var i = 0; i < n; i++)
        {
            foreach (var t in traits[i])
            {
                var l = local[t];
                bits[(i * words) + (l >> 6)] |= 1UL << (l & 63);
            }
        }

        // Per set of dimensions in common (a recorded mask, 256 at most), the bits of the traits in them, made when first needed.
        var inDimensions = new ulong[256 * words];
        var made = new bool[256];
        for (var i = 0; i < n; i++)
        {
            distances[(i * n) + i] = 0;
        }

        double sum = 0;
        var defined = 0;
        var undefined = new List<int>();
        for (var i = 0; i < n; i++)
        {
            var a = bits.AsSpan(i * words, words);
            for (var j = i + 1; j < n; j++)
            {
                var common = masks[i] & masks[j];
                var d = double.NaN;
                if (common != 0)
                {
                    if (!made[common])
                    {
                        for (var l = 0; l < dimensionOf.Count; l++)
                        {
                            if ((common & (1 << dimensionOf[l])) != 0)
                            {
                                inDimensions[(common * words) + (l >> 6)] |= 1UL << (l & 63);
                            }
                        }

                        made[common] = true;
                    }

                    d = Jaccard(a, bits.AsSpan(j * words, words), inDimensions.AsSpan(common * words, words));
                }

                if (double.IsNaN(d))
                {
                    undefined.Add((i * n) + j);
                }
                else
                {
                    sum += d;
                    defined++;
                }

                distances[(i * n) + j] = d;
            }
        }

        // The lower triangle mirrors the upper one, copied in tiles: written pair by pair it went down a column, a cache
        // line per pair.
        const int Tile = 32;
        for (var i0 = 0; i0 < n; i0 += Tile)
        {
            for (var j0 = i0; j0 < n; j0 += Tile)
            {
                for (var i = i0; i < Math.Min(i0 + Tile, n); i++)
                {
                    for (var j = Math.Max(j0, i + 1); j < Math.Min(j0 + Tile, n); j++)
                    {
                        distances[(j * n) + i] = distances[(i * n) + j];
                    }
                }
            }
        }

        var mean = defined == 0 ? 1 : sum / defined;
        foreach (var index in undefined)
        {
            var (i, j) = (index / n, index % n);
            distances[index] = mean;
            distances[(j * n) + i] = mean;
        }
    }

    /// <summary>Jaccard distance of two trait bit sets restricted to the traits in <paramref name="within"/>; NaN when both are empty there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Jaccard(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, ReadOnlySpan<ulong> within)
    {
        int shared = 0, union = 0;
        for (var w = 0; w < a.Length; w++)
        {
            shared += System.Numerics.BitOperations.PopCount(a[w] & b[w] & within[w]);
            union += System.Numerics.BitOperations.PopCount((a[w] | b[w]) & within[w]);
        }

        return union == 0 ? double.NaN : 1 - ((double)shared / union);
    }

    /// <summary>
    /// The sample split detection looks at: every ⌈m / size⌉-th of the persona's <paramref name="eligible"/> members
    /// with at least one trait (its people with anything recorded, counted in the pass), in population order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int[] Sample(CompactPopulation population, int persona, long eligible, int size)
    {
        var stride = (int)Math.Max(1, (eligible + size - 1) / size);
        var sample = new List<int>((int)Math.Min(size, eligible));
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
