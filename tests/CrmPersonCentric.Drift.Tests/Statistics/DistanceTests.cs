using CrmPersonCentric.Drift.Statistics;

namespace CrmPersonCentric.Drift.Tests.Statistics;

public sealed class DistanceTests
{
    [Fact]
    public void JensenShannon_Identical_IsZero()
    {
        Assert.Equal(0, JensenShannon.Distance([0.2, 0.8], [2, 8]), 12);
    }

    [Fact]
    public void JensenShannon_Disjoint_IsOne()
    {
        Assert.Equal(1, JensenShannon.Distance([1, 0], [0, 1]), 12);
    }

    [Fact]
    public void JensenShannon_PointMassVsUniform_MatchesScipy()
    {
        // scipy.spatial.distance.jensenshannon([1, 0], [0.5, 0.5], base=2) = 0.5579230452...
        Assert.Equal(0.557923, JensenShannon.Distance([1, 0], [0.5, 0.5]), 6);
    }

    [Fact]
    public void JensenShannon_BothEmpty_IsZero()
    {
        Assert.Equal(0, JensenShannon.Distance([0, 0], [0, 0]));
    }

    [Fact]
    public void Psi_HandComputedExample()
    {
        // Shares with half-count smoothing: expected (0.5, 0.5), actual (40.5/101, 60.5/101); PSI ≈ 0.03974.
        Assert.Equal(0.03974, PopulationStabilityIndex.Compute([50, 50], [40, 60]), 5);
    }

    [Fact]
    public void Psi_EmptyBins_StayFinite()
    {
        var psi = PopulationStabilityIndex.Compute([100, 0, 0], [0, 0, 100]);

        Assert.True(double.IsFinite(psi));
        Assert.True(psi > PopulationStabilityIndex.SignificantShift);
    }

    [Fact]
    public void Psi_SameHistogram_IsZero()
    {
        Assert.Equal(0, PopulationStabilityIndex.Compute([10, 20, 30], [10, 20, 30]), 12);
        Assert.True(PopulationStabilityIndex.Compute([10, 20, 30], [20, 40, 60]) < 0.001);
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3 }, new[] { 2, 3, 4 }, 0.5)]
    [InlineData(new int[0], new int[0], 0.0)]
    [InlineData(new int[0], new[] { 1 }, 1.0)]
    [InlineData(new[] { 1, 5, 9 }, new[] { 1, 5, 9 }, 0.0)]
    [InlineData(new[] { 1 }, new[] { 2 }, 1.0)]
    public void Jaccard_KnownSets(int[] a, int[] b, double expected)
    {
        Assert.Equal(expected, JaccardDistance.Compute(a, b), 12);
    }
}
