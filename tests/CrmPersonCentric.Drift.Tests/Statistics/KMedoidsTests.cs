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

    [Theory]
    [InlineData(37, 2, 1)]
    [InlineData(37, 5, 2)]
    [InlineData(301, 4, 3)]
    [InlineData(9, 6, 4)]
    public void Silhouette_IsTheDefinitionPointByPoint(int n, int k, int seed)
    {
        // Sizes that are not a multiple of any vector width, labels drawn at random (so some clusters may be singletons or
        // empty), a symmetric matrix of random distances: the vectorised sums give the definition's value.
        var random = new Random(seed);
        var d = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                d[(i * n) + j] = d[(j * n) + i] = random.NextDouble();
            }
        }

        var labels = Enumerable.Range(0, n).Select(_ => random.Next(k)).ToArray();
        labels[0] = k - 1; // at least one point in the last cluster

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

        Assert.Equal(total / n, KMedoids.Silhouette(d, n, k, labels), 12);
    }

    private static double Cost(double[] d, int n, int[] medoids) => Enumerable.Range(0, n).Sum(j => medoids.Min(m => d[(m * n) + j]));
}
