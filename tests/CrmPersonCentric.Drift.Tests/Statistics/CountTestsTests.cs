using CrmPersonCentric.Drift.Statistics;

namespace CrmPersonCentric.Drift.Tests.Statistics;

public sealed class CountTestsTests
{
    // Exact (Garwood) 95% limits for a Poisson count, as tabulated e.g. in Ulm (1990), Am. J. Epidemiol. 131(2):373–375.
    [Theory]
    [InlineData(0, 0.0, 3.689)]
    [InlineData(1, 0.0253, 5.572)]
    [InlineData(10, 4.795, 18.390)]
    public void PoissonInterval_MatchesGarwoodTable(int count, double low, double high)
    {
        var interval = PoissonRate.CountInterval(count);

        Assert.Equal(low, interval.Low, 3);
        Assert.Equal(high, interval.High, 3);
    }

    [Fact]
    public void PoissonRate_DividesByExposure()
    {
        var interval = PoissonRate.RateInterval(10, 2);

        Assert.Equal(4.795 / 2, interval.Low, 3);
    }

    [Fact]
    public void PoissonTest_ZeroEventsWhereFiveExpected_DoublesTheTail()
    {
        // P(X = 0 | μ = 5) = e^-5 = 0.006738; two-sided by doubling.
        Assert.Equal(2 * Math.Exp(-5), PoissonRate.Test(0, 5).PValue, 10);
    }

    [Fact]
    public void PoissonTest_AsExpected_IsNotSignificant()
    {
        Assert.Equal(1, PoissonRate.Test(10, 10).PValue);
    }

    [Fact]
    public void McNemar_TenVersusTwo_IsTheBinomialTail()
    {
        // P(X ≥ 10 | n = 12, ½) = (66 + 12 + 1) / 4096.
        Assert.Equal(79.0 / 4096, McNemarTest.FirstGreater(10, 2).PValue, 10);
    }

    [Fact]
    public void McNemar_NoDiscordantPairs_IsOne()
    {
        Assert.Equal(1, McNemarTest.FirstGreater(0, 0).PValue);
    }
}
