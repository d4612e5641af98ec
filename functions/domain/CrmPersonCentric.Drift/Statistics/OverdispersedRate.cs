using MathNet.Numerics.Distributions;

namespace CrmPersonCentric.Drift.Statistics;

/// <summary>
/// A rate test that holds when people's event counts are bursty (overdispersed): some people have many events, most
/// none. Counts per person are taken as negative binomial with mean μ and shape k (variance μ + μ²/k; k → ∞ is
/// Poisson). k is estimated from what the engine already counts, by the zero-frequency method (Anscombe 1950): the share
/// of people with no event in the window against the mean, since P(0) = (1 + μ/k)^(−k); a share of zeros no larger
/// than Poisson's e^(−μ) gives Poisson. The total of n people is then negative binomial with shape n·k, and the test is
/// exact for it (two-sided, doubling the smaller tail). With k from the data, this is a quasi-likelihood test: it widens
/// as the data are burstier, and is the exact Poisson test when they are not.
/// </summary>
public static class OverdispersedRate
{
    /// <summary>The shape k estimated from the share of people without an event and the mean count; +∞ for Poisson-like counts.</summary>
    /// <param name="mean">Events per person in the window.</param>
    /// <param name="zeroShare">Share of people without an event in the window.</param>
    public static double Shape(double mean, double zeroShare)
    {
        if (!(mean > 0) || !(zeroShare > 0) || zeroShare >= 1 || zeroShare <= Math.Exp(-mean) * (1 + 1e-9))
        {
            return double.PositiveInfinity;
        }

        // −k·ln(1 + μ/k) falls from 0 (k → 0) to −μ (k → ∞): bisect on ln k for ln(zeroShare).
        var target = Math.Log(zeroShare);
        double low = Math.Log(1e-4), high = Math.Log(1e6);
        for (var i = 0; i < 80; i++)
        {
            var mid = (low + high) / 2;
            var k = Math.Exp(mid);
            if (-k * Math.Log(1 + (mean / k)) > target)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        var shape = Math.Exp((low + high) / 2);
        return shape >= 1e6 ? double.PositiveInfinity : shape;
    }

    /// <summary>The variance inflation of a count against Poisson: 1 + μ/k.</summary>
    public static double Dispersion(double mean, double shape) => double.IsPositiveInfinity(shape) ? 1 : 1 + (mean / shape);

    /// <summary>Two-sided test of H0: n people's expected total is <paramref name="expectedCount"/>, each person's count negative binomial with <paramref name="shape"/>.</summary>
    public static TestResult Test(long count, double expectedCount, long people, double shape)
    {
        if (double.IsPositiveInfinity(shape) || expectedCount <= 0 || people <= 0)
        {
            return PoissonRate.Test(count, expectedCount);
        }

        var r = people * shape;
        var p = r / (r + expectedCount);
        var lower = NegativeBinomial.CDF(r, p, count);
        var upper = count == 0 ? 1 : 1 - NegativeBinomial.CDF(r, p, count - 1);
        return new TestResult(count / expectedCount, Math.Min(1, 2 * Math.Min(lower, upper)));
    }

    /// <summary>The exact Poisson interval of the rate, widened by √dispersion around the observed rate (the quasi-Poisson interval).</summary>
    public static Interval RateInterval(long count, double exposure, double dispersion)
    {
        var poisson = PoissonRate.RateInterval(count, exposure);
        if (dispersion <= 1)
        {
            return poisson;
        }

        var rate = count / exposure;
        var widen = Math.Sqrt(dispersion);
        return new Interval(Math.Max(0, rate - ((rate - poisson.Low) * widen)), rate + ((poisson.High - rate) * widen));
    }
}
