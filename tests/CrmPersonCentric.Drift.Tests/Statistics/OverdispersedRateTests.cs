using CrmPersonCentric.Drift.Statistics;
using MathNet.Numerics.Distributions;

namespace CrmPersonCentric.Drift.Tests.Statistics;

/// <summary>Bursty behaviour: each person's events in the window are Poisson at a gamma-distributed rate of their own (negative binomial counts).</summary>
public sealed class OverdispersedRateTests
{
    private static (long Events, long Active) Simulate(Random random, int people, double mean, double shape)
    {
        long events = 0, active = 0;
        for (var i = 0; i < people; i++)
        {
            var rate = double.IsPositiveInfinity(shape) ? mean : Gamma.Sample(random, shape, shape / mean);
            var count = rate <= 0 ? 0 : Poisson.Sample(random, rate);
            events += count;
            active += count > 0 ? 1 : 0;
        }

        return (events, active);
    }

    private static double PValue((long Events, long Active) sample, int people, double declaredMean)
    {
        var shape = OverdispersedRate.Shape((double)sample.Events / people, 1 - ((double)sample.Active / people));
        return OverdispersedRate.Test(sample.Events, declaredMean * people, people, shape).PValue;
    }

    [Theory]
    [InlineData(0.5, 0.5)]
    [InlineData(1.5, 1.0)]
    [InlineData(0.3, 0.2)]
    public void ADeclaredRateThatIsTheTrueMean_IsRejectedAtAboutTheTestsLevel_WhenPeopleAreBursty(double mean, double shape)
    {
        var random = new Random(17);
        var poissonRejects = 0;
        var rejects = 0;
        const int Runs = 400;
        for (var run = 0; run < Runs; run++)
        {
            var sample = Simulate(random, 300, mean, shape);
            rejects += PValue(sample, 300, mean) < 0.05 ? 1 : 0;
            poissonRejects += PoissonRate.Test(sample.Events, mean * 300).PValue < 0.05 ? 1 : 0;
        }

        // About 20 of 400 at a 5% level; the exact Poisson test rejects far more often on bursty counts.
        Assert.True(rejects <= 36, $"{rejects} of {Runs} rejected (Poisson test: {poissonRejects})");
        Assert.True(poissonRejects > 2 * rejects, $"Poisson {poissonRejects}, overdispersed {rejects}");
    }

    [Fact]
    public void PoissonCounts_GiveThePoissonTest()
    {
        var random = new Random(3);
        var sample = Simulate(random, 2000, 0.8, double.PositiveInfinity);
        var shape = OverdispersedRate.Shape((double)sample.Events / 2000, 1 - ((double)sample.Active / 2000));

        // The zero share of Poisson counts is about e^(−μ): a large shape (or Poisson itself), so hardly any widening.
        Assert.InRange(OverdispersedRate.Dispersion(0.8, shape), 1, 1.1);
        Assert.Equal(PoissonRate.Test(5, 4).PValue, OverdispersedRate.Test(5, 4, 100, double.PositiveInfinity).PValue);
    }

    [Fact]
    public void ARateTrulyDoubled_IsStillFound_AmongBurstyPeople()
    {
        var random = new Random(5);
        var found = Enumerable.Range(0, 100).Count(_ => PValue(Simulate(random, 400, 1.0, 0.7), 400, 0.5) < 0.01);

        Assert.True(found >= 95, $"found in {found} of 100");
    }
}
