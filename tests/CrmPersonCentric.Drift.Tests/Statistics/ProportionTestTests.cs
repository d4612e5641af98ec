using CrmPersonCentric.Drift.Statistics;

namespace CrmPersonCentric.Drift.Tests.Statistics;

public sealed class ProportionTestTests
{
    [Fact]
    public void TwoSided_SixtyOfHundredAgainstHalf_IsZTwo()
    {
        // z = (0.6 − 0.5) / √(0.25/100) = 2; two-sided p = 2·Φ(−2) = 0.0455 (standard normal table).
        var result = ProportionTest.TwoSided(60, 100, 0.5);

        Assert.Equal(2, result.Statistic, 10);
        Assert.Equal(0.0455, result.PValue, 4);
    }

    [Fact]
    public void Greater_SixtyOfHundredAgainstHalf_IsHalfTheTwoSided()
    {
        Assert.Equal(0.02275, ProportionTest.Greater(60, 100, 0.5).PValue, 5);
    }

    [Fact]
    public void TwoSided_ExactlyAsExpected_IsOne()
    {
        Assert.Equal(1, ProportionTest.TwoSided(50, 100, 0.5).PValue, 10);
    }

    [Theory]
    [InlineData(0, 10, 0.0, 1.0)]
    [InlineData(1, 10, 0.0, 0.0)]
    [InlineData(10, 10, 1.0, 1.0)]
    [InlineData(9, 10, 1.0, 0.0)]
    public void TwoSided_DegenerateHypotheses_AreCertain(int successes, int trials, double p0, double expected)
    {
        Assert.Equal(expected, ProportionTest.TwoSided(successes, trials, p0).PValue);
    }

    [Fact]
    public void TwoSided_IntervalAndTestAgree()
    {
        // The Wilson interval inverts the score test: p0 just inside the interval is not rejected at 5%, just outside is.
        var interval = WilsonInterval.Compute(81, 263);

        Assert.True(ProportionTest.TwoSided(81, 263, interval.High - 1e-4).PValue > 0.05);
        Assert.True(ProportionTest.TwoSided(81, 263, interval.High + 1e-4).PValue < 0.05);
    }
}
