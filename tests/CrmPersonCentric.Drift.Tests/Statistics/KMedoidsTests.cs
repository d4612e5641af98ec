using CrmPersonCentric.Drift.Statistics;

namespace CrmPersonCentric.Drift.Tests.Statistics;

public sealed class KMedoidsTests
{
    private static double[] LineDistances(double[] points)
    {
        var n = points.Length;
        var d = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                d[(i * n) + j] = Math.Abs(points[i] - points[j]);
            }
        }

        return d;
    }

    [Fact]
    public void Cluster_TwoSeparatedGroups_AreFound()
    {
        double[] points = [0, 1, 2, 100, 101, 102];
        var d = LineDistances(points);

        var clustering = KMedoids.Cluster(d, points.Length, 2);

        Assert.Equal(clustering.Labels[0], clustering.Labels[2]);
        Assert.Equal(clustering.Labels[3], clustering.Labels[5]);
        Assert.NotEqual(clustering.Labels[0], clustering.Labels[3]);
        Assert.Contains(1, clustering.Medoids);
        Assert.Contains(4, clustering.Medoids);
    }

    [Fact]
    public void Silhouette_HandComputed()
    {
        // Points 0, 2 | 10: s(0) = (10 − 2)/10 = 0.8, s(2) = (8 − 2)/8 = 0.75, the singleton scores 0; mean 0.5167.
        double[] points = [0, 2, 10];
        var silhouette = KMedoids.Silhouette(LineDistances(points), 3, 2, [0, 0, 1]);

        Assert.Equal((0.8 + 0.75) / 3, silhouette, 10);
    }

    [Fact]
    public void Silhouette_SeparatedBeatsMixed()
    {
        double[] points = [0, 1, 2, 100, 101, 102];
        var d = LineDistances(points);

        Assert.True(KMedoids.Silhouette(d, 6, 2, [0, 0, 0, 1, 1, 1]) > 0.9);
        Assert.True(KMedoids.Silhouette(d, 6, 2, [0, 1, 0, 1, 0, 1]) < 0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void BuildForEachK_IsTheFirstKOfOneBuild_SoOneBuildServesEveryK(int seed)
    {
        var random = new Random(seed);
        var points = Enumerable.Range(0, 60).Select(_ => random.NextDouble() * 10).ToArray();
        var d = LineDistances(points);
        var order = KMedoids.BuildOrder(d, points.Length, 6);

        // Each pick lowers the total distance to the nearest medoid as much as any point could (up to rounding: sums in
        // another order).
        for (var m = 1; m < 6; m++)
        {
            var chosen = order.Take(m).ToArray();
            var best = Enumerable.Range(0, points.Length).Where(i => !chosen.Contains(i)).Min(i => Cost(d, points.Length, [.. chosen, i]));
            Assert.True(Cost(d, points.Length, [.. order.Take(m + 1)]) <= best + 1e-9, $"pick {m + 1}");
        }

        for (var k = 1; k <= 6; k++)
        {
            Assert.Equal(order[..k], KMedoids.BuildOrder(d, points.Length, k));
            var fromScratch = KMedoids.Cluster(d, points.Length, k);
            var fromOrder = KMedoids.Cluster(d, points.Length, order.AsSpan(0, k));
            Assert.Equal(fromScratch.Medoids, fromOrder.Medoids);
            Assert.Equal(fromScratch.Labels, fromOrder.Labels);
        }
    }

    /// <summary>Sizes around the vector loops' widths (4 lanes, 8 a step): no vector step, tails of every length.</summary>
    public static TheoryData<int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int>();
        var seed = 0;
        foreach (var n in (int[])[2, 3, 5, 6, 7, 8, 9, 12, 15, 16, 17, 38, 39, 40, 61, 63, 301])
        {
            foreach (var k in (int[])[2, 3, 5])
            {
                data.Add(n, k, ++seed);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Silhouette_IsTheDefinitionPointByPoint(int n, int k, int seed)
    {
        // Labels drawn at random (some clusters singletons or empty, depending on n and k) over a symmetric matrix of
        // random distances: the vectorised sums give the definition's value.
        var random = new Random(seed);
        var d = RandomDistances(n, random);
        var labels = Enumerable.Range(0, n).Select(_ => random.Next(k)).ToArray();
        labels[0] = 0;
        labels[^1] = 1;

        Assert.Equal(DefinedSilhouette(d, n, k, labels), KMedoids.Silhouette(d, n, k, labels), 1e-12);
    }

    [Fact]
    public void Silhouette_SingletonsAndUnusedLabels_AsDefined()
    {
        // k = 6 with labels 3 and 5 unused, label 4 a singleton (scores 0), 13 points (a tail of 5 after one step).
        var random = new Random(7);
        const int N = 13;
        var d = RandomDistances(N, random);
        int[] labels = [0, 1, 2, 0, 1, 2, 4, 0, 1, 2, 0, 1, 2];

        var silhouette = KMedoids.Silhouette(d, N, 6, labels);

        Assert.Equal(DefinedSilhouette(d, N, 6, labels), silhouette, 1e-12);
        Assert.NotEqual(0, silhouette);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BuildOrder_FirstPickHasTheLeastTotalDistance_EachNextTheLargestGain(int n, int k, int seed)
    {
        var random = new Random(seed);
        var d = RandomDistances(n, random);
        var picks = Math.Min(k, n);
        var order = KMedoids.BuildOrder(d, n, picks);

        var sums = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Sum(j => d[(i * n) + j])).ToArray();
        Assert.Equal(sums.Min(), sums[order[0]], 1e-12);
        for (var m = 1; m < picks; m++)
        {
            var chosen = order.Take(m).ToArray();
            double GainOf(int i) => Enumerable.Range(0, n).Sum(j => Math.Max(chosen.Min(c => d[(c * n) + j]) - d[(i * n) + j], 0));
            var best = Enumerable.Range(0, n).Where(i => !chosen.Contains(i)).Max(GainOf);
            Assert.DoesNotContain(order[m], chosen);
            Assert.Equal(best, GainOf(order[m]), 1e-12);
        }
    }

    private static double[] RandomDistances(int n, Random random)
    {
        var d = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                d[(i * n) + j] = d[(j * n) + i] = random.NextDouble();
            }
        }

        return d;
    }

    /// <summary>The silhouette as Rousseeuw defines it, point by point.</summary>
    private static double DefinedSilhouette(double[] d, int n, int k, int[] labels)
    {
        double total = 0;
        for (var i = 0; i < n; i++)
        {
            var own = Enumerable.Range(0, n).Where(j => j != i && labels[j] == labels[i]).ToArray();
            if (own.Length == 0)
            {
                continue;
            }

            var a = own.Average(j => d[(i * n) + j]);
            var b = Enumerable.Range(0, k).Where(c => c != labels[i] && labels.Contains(c))
                .Min(c => Enumerable.Range(0, n).Where(j => labels[j] == c).Average(j => d[(i * n) + j]));
            total += (b - a) / Math.Max(a, b);
        }

        return total / n;
    }

    private static double Cost(double[] d, int n, int[] medoids) => Enumerable.Range(0, n).Sum(j => medoids.Min(m => d[(m * n) + j]));
}
