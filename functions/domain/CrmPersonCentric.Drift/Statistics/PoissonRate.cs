using MathNet.Numerics.Distributions;

namespace CrmPersonCentric.Drift.Statistics;

/// <summary>
/// Exact (Garwood) confidence interval for a Poisson count and an exact two-sided test of a rate.
/// Interval: [χ²(α/2; 2k)/2, χ²(1−α/2; 2k+2)/2]. Source: F. Garwood (1936), Biometrika 28:437–442.
/// </summary>
public static class PoissonRate
{
    /// <summary>The exact interval for the mean of a Poisson count k.</summary>
    public static Interval CountInterval(long count, double confidence = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence must be in (0, 1).");
        }

        var alpha = 1 - confidence;
        var low = count == 0 ? 0 : ChiSquared.InvCDF(2 * count, alpha / 2) / 2;
        var high = ChiSquared.InvCDF((2 * count) + 2, 1 - (alpha / 2)) / 2;
        return new Interval(low, high);
    }

    /// <summary>The exact interval for a rate: count over exposure (e.g. person-years).</summary>
    public static Interval RateInterval(long count, double exposure, double confidence = 0.95)
    {
        if (!(exposure > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(exposure), exposure, "Exposure must be positive.");
        }

        var interval = CountInterval(count, confidence);
        return new Interval(interval.Low / exposure, interval.High / exposure);
    }

    /// <summary>
    /// Exact two-sided test of H0: the expected count is μ0, doubling the smaller tail (capped at 1).
    /// </summary>
    public static TestResult Test(long count, double expectedCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!(expectedCount >= 0) || double.IsInfinity(expectedCount))
        {
            throw new ArgumentOutOfRangeException(nameof(expectedCount), expectedCount, "Expected count must be finite and non-negative.");
        }

        if (expectedCount == 0)
        {
            return new TestResult(count, count == 0 ? 1 : 0);
        }

        var lower = Poisson.CDF(expectedCount, count);
        var upper = count == 0 ? 1 : 1 - Poisson.CDF(expectedCount, count - 1);
        return new TestResult(count / expectedCount, Math.Min(1, 2 * Math.Min(lower, upper)));
    }
}
