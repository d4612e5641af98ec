using CrmPersonCentric.Drift.Statistics;

namespace CrmPersonCentric.Drift.Tests.Statistics;

public sealed class WilsonIntervalTests
{
    // Reference values: R. G. Newcombe (1998), Statistics in Medicine 17:857–872, Table I, method 3 (score).
    [Theory]
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Compute_MatchesNewcombe1998(int successes, int trials, double low, double high)
    {
        var interval = WilsonInterval.Compute(successes, trials);

        Assert.Equal(low, interval.Low, 4);
        Assert.Equal(high, interval.High, 4);
    }

    [Fact]
    public void Compute_NoTrials_IsTheWholeUnitInterval()
    {
        Assert.Equal(new Interval(0, 1), WilsonInterval.Compute(0, 0));
    }

    [Fact]
    public void Compute_AllSuccesses_EndsAtOne()
    {
        var interval = WilsonInterval.Compute(20, 20);

        Assert.Equal(1, interval.High);
        Assert.Equal(1 - 0.1611, interval.Low, 4);
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(11, 10)]
    public void Compute_ImpossibleCounts_Throw(int successes, int trials)
    {
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => WilsonInterval.Compute(successes, trials));
    }
}
