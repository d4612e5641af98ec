using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
namespace CrmPersonCentric.Drift.Statistics;

/// <summary>
/// k-medoids clustering over a precomputed distance matrix (BUILD initialisation, then alternating
/// assignment and medoid update until stable), and the silhouette to choose k.
/// Sources: L. Kaufman and P. J. Rousseeuw (1990), Finding Groups in Data, ch. 2 (PAM BUILD);
/// P. J. Rousseeuw (1987), J. Comput. Appl. Math. 20:53–65 (silhouette).
/// </summary>
public static class KMedoids
{
    /// <summary>Clusters n points into k groups; deterministic for a given matrix.</summary>
    /// <param name="distances">Row-major n×n symmetric distance matrix.</param>
    /// <param name="n">Number of points.</param>
    /// <param name="k">Number of clusters, 2 ≤ k ≤ n.</param>
    /// <param name="maxIterations">Bound on update rounds.</param>
    public static Clustering Cluster(ReadOnlySpan<double> distances, int n, int k, int maxIterations = 50)
    {
        if (distances.Length != n * n)
        {
            throw new ArgumentException("The matrix must have n×n entries.", nameof(distances));
        }

        if (k < 1 || k > n)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "k must be between 1 and the number of points.");
        }

        return Cluster(distances, n, BuildOrder(distances, n, k), maxIterations);
    }

    /// <summary>
    /// Clusters n points starting from the given medoids (one group per medoid), as <see cref="Cluster(ReadOnlySpan{double}, int, int, int)"/>
    /// does after BUILD: with the first k of <see cref="BuildOrder"/> the result is the same.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Clustering Cluster(ReadOnlySpan<double> distances, int n, ReadOnlySpan<int> initialMedoids, int maxIterations = 50)
    {
        if (distances.Length != n * n)
        {
            throw new ArgumentException("The matrix must have n×n entries.", nameof(distances));
        }

        if (initialMedoids.IsEmpty || initialMedoids.Length > n)
        {
            throw new ArgumentOutOfRangeException(nameof(initialMedoids), initialMedoids.Length, "There must be between 1 and n medoids.");
        }

        var medoids = initialMedoids.ToArray();
        var labels = new int[n];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            Assign(distances, n, medoids, labels);
            if (!UpdateMedoids(distances, n, medoids, labels))
            {
                break;
            }
        }

        Assign(distances, n, medoids, labels);
        return new Clustering(medoids.Length, medoids, labels);
    }

    /// <summary>
    /// Mean silhouette of a labelling: for each point, (b − a)/max(a, b) with a the mean distance to its own
    /// cluster and b the smallest mean distance to another cluster; points alone in their cluster score 0.
    /// <para>
    /// A point's total distance to each cluster is a dot product of its row with that cluster's 0/1 membership row
    /// (vectorised), rather than one scattered addition per distance: k·n/width multiply-adds a row instead of n
    /// dependent read-modify-writes. The sums then add in another order than point by point (the same order on every
    /// machine, see <see cref="Dot"/>), which moves the silhouette in its last bits.
    /// </para>
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Silhouette(ReadOnlySpan<double> distances, int n, int k, ReadOnlySpan<int> labels)
    {
        if (distances.Length != n * n || labels.Length != n)
        {
            throw new ArgumentException("The matrix must have n×n entries and there must be n labels.", nameof(distances));
        }

        if (k < 2 || n < 2)
        {
            return 0;
        }

        var sizes = new int[k];
        var membership = new double[k * n];
        for (var j = 0; j < n; j++)
        {
            sizes[labels[j]]++;
            membership[(labels[j] * n) + j] = 1;
        }

        double total = 0;
        for (var i = 0; i < n; i++)
        {
            var own = labels[i];
            if (sizes[own] <= 1)
            {
                continue;
            }

            var row = distances.Slice(i * n, n);
            var a = Dot(row, membership.AsSpan(own * n, n)) / (sizes[own] - 1);
            var b = double.MaxValue;
            for (var c = 0; c < k; c++)
            {
                if (c != own && sizes[c] > 0)
                {
                    b = Math.Min(b, Dot(row, membership.AsSpan(c * n, n)) / sizes[c]);
                }
            }

            var denominator = Math.Max(a, b);
            total += b == double.MaxValue || denominator == 0 ? 0 : (b - a) / denominator;
        }

        return total / n;
    }

    /// <summary>
    /// BUILD's medoids in the order it picks them, up to <paramref name="maxK"/>: each pick is greedy on the ones before
    /// it, so BUILD for any k ≤ <paramref name="maxK"/> is the first k of them, and one run serves every k tried.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int[] BuildOrder(ReadOnlySpan<double> distances, int n, int maxK)
    {
        if (distances.Length != n * n)
        {
            throw new ArgumentException("The matrix must have n×n entries.", nameof(distances));
        }

        if (maxK < 1 || maxK > n)
        {
            throw new ArgumentOutOfRangeException(nameof(maxK), maxK, "k must be between 1 and the number of points.");
        }

        var k = maxK;
        var medoids = new int[k];
        var first = 0;
        var best = double.MaxValue;
        for (var i = 0; i < n; i++)
        {
            var sum = Sum(distances.Slice(i * n, n));
            if (sum < best)
            {
                best = sum;
                first = i;
            }
        }

        medoids[0] = first;
        // Each point's distance to its nearest medoid so far; a candidate's gain is what it would take off those
        // distances: the sum of max(nearest − its row, 0), worked out a vector at a time.
        var nearest = distances.Slice(first * n, n).ToArray();
        for (var m = 1; m < k; m++)
        {
            var candidate = -1;
            var bestGain = -1.0;
            for (var i = 0; i < n; i++)
            {
                if (Array.IndexOf(medoids, i, 0, m) >= 0)
                {
                    continue;
                }

                var gain = Gain(nearest, distances.Slice(i * n, n));
                if (gain > bestGain)
                {
                    bestGain = gain;
                    candidate = i;
                }
            }

            medoids[m] = candidate;
            Nearer(nearest, distances.Slice(candidate * n, n));
        }

        return medoids;
    }

    // The vector loops below run over a fixed width — Vector256, four doubles, two accumulators: eight partial sums
    // added together in one fixed order — so a sum rounds the same way on every machine (Vector<double> would be two
    // wide on Arm64, four with AVX2, eight with AVX-512 preferred, and a pick between two points whose sums tie in exact
    // arithmetic could then differ from machine to machine). Where the hardware has no 256-bit vectors the runtime
    // carries each out lane by lane, with the same results. Written here rather than taken from TensorPrimitives:
    // inlined into the optimised callers they run as vector code from the first call, where the library's generic
    // kernels start as first-tier code in a process that evaluates once (the tiered benchmark job at 100,000 contacts,
    // single runs: 91 ms with the scalar code, 125 ms with TensorPrimitives, 81–87 ms with these loops).
    private const int Lanes = 4;

    /// <summary>Σ x·y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => Accumulate<Product>(x, y);

    /// <summary>Σ x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Sum(ReadOnlySpan<double> x) => Accumulate<First>(x, x);

    /// <summary>Σ max(nearest − row, 0): what a candidate medoid would take off the distances to the nearest medoid.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Gain(ReadOnlySpan<double> nearest, ReadOnlySpan<double> row) => Accumulate<Saving>(nearest, row);

    /// <summary>Σ term(x_i, y_i): two vector accumulators, then the lanes in a fixed order, then the tail one by one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Accumulate<TTerm>(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
        where TTerm : ITerm
    {
        var even = Vector256<double>.Zero;
        var odd = Vector256<double>.Zero;
        var i = 0;
        for (; i <= x.Length - (2 * Lanes); i += 2 * Lanes)
        {
            even += TTerm.Of(Vector256.Create(x[i..]), Vector256.Create(y[i..]));
            odd += TTerm.Of(Vector256.Create(x[(i + Lanes)..]), Vector256.Create(y[(i + Lanes)..]));
        }

        var total = Total(even + odd);
        for (; i < x.Length; i++)
        {
            total += TTerm.Of(x[i], y[i]);
        }

        return total;
    }

    /// <summary>One term of a sum, for a vector of pairs and for one pair (the same arithmetic).</summary>
    private interface ITerm
    {
        static abstract Vector256<double> Of(Vector256<double> x, Vector256<double> y);

        static abstract double Of(double x, double y);
    }

    private readonly struct Product : ITerm
    {
        public static Vector256<double> Of(Vector256<double> x, Vector256<double> y) => x * y;

        public static double Of(double x, double y) => x * y;
    }

    private readonly struct First : ITerm
    {
        public static Vector256<double> Of(Vector256<double> x, Vector256<double> y) => x;

        public static double Of(double x, double y) => x;
    }

    private readonly struct Saving : ITerm
    {
        public static Vector256<double> Of(Vector256<double> x, Vector256<double> y) => Vector256.Max(x - y, Vector256<double>.Zero);

        public static double Of(double x, double y) => Math.Max(x - y, 0);
    }

    /// <summary>The four lanes added in one fixed order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Total(Vector256<double> sums) => (sums.GetElement(0) + sums.GetElement(1)) + (sums.GetElement(2) + sums.GetElement(3));

    /// <summary>nearest = min(nearest, row), element by element (exact, whatever the width).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Nearer(Span<double> nearest, ReadOnlySpan<double> row)
    {
        var i = 0;
        for (; i <= nearest.Length - Lanes; i += Lanes)
        {
            Vector256.Min(Vector256.Create(nearest[i..]), Vector256.Create(row[i..])).CopyTo(nearest[i..]);
        }

        for (; i < nearest.Length; i++)
        {
            nearest[i] = Math.Min(nearest[i], row[i]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Assign(ReadOnlySpan<double> distances, int n, int[] medoids, int[] labels)
    {
        for (var j = 0; j < n; j++)
        {
            var bestCluster = 0;
            var bestDistance = double.MaxValue;
            for (var c = 0; c < medoids.Length; c++)
            {
                var d = distances[(medoids[c] * n) + j];
                if (d < bestDistance)
                {
                    bestDistance = d;
                    bestCluster = c;
                }
            }

            labels[j] = bestCluster;
        }
    }

    /// <summary>
    /// Moves each medoid to the member of its cluster with the least total distance to the others. The clusters' members
    /// are listed once (in point order, so each cost adds the same distances in the same order as a scan of every point
    /// would): a cluster's cost is its members squared, not every point per member.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool UpdateMedoids(ReadOnlySpan<double> distances, int n, int[] medoids, int[] labels)
    {
        var k = medoids.Length;
        var starts = new int[k + 1];
        foreach (var label in labels)
        {
            starts[label + 1]++;
        }

        for (var c = 0; c < k; c++)
        {
            starts[c + 1] += starts[c];
        }

        var members = new int[n];
        var next = starts[..k];
        for (var i = 0; i < n; i++)
        {
            members[next[labels[i]]++] = i;
        }

        var changed = false;
        for (var c = 0; c < k; c++)
        {
            var cluster = members.AsSpan(starts[c], starts[c + 1] - starts[c]);
            var bestPoint = medoids[c];
            var bestCost = double.MaxValue;
            foreach (var i in cluster)
            {
                var row = distances.Slice(i * n, n);
                double cost = 0;
                foreach (var j in cluster)
                {
                    cost += row[j];
                }

                if (cost < bestCost)
                {
                    bestCost = cost;
                    bestPoint = i;
                }
            }

            if (bestPoint != medoids[c])
            {
                medoids[c] = bestPoint;
                changed = true;
            }
        }

        return changed;
    }
}
