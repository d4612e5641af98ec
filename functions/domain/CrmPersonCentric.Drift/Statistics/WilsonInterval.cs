using MathNet.Numerics.Distributions;

namespace CrmPersonCentric.Drift.Statistics;

/// <summary>
/// Wilson score interval for a binomial proportion.
/// Source: E. B. Wilson (1927), "Probable inference, the law of succession, and statistical inference", JASA 22:209–212.
/// </summary>
public static class WilsonInterval
{
    /// <summary>The normal quantile of the default 95% level, worked out once (a run asks for tens of thousands of intervals).</summary>
    private static readonly double Z95 = Quantile(0.95);
    /// <summary>The two-sided interval at the given confidence level (e.g. 0.95) for x successes in n trials.</summary>
    public static Interval Compute(long successes, long trials, double confidence = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence must be in (0, 1).");
        }

        if (trials == 0)
        {
            return new Interval(0, 1);
        }

        var z = confidence == 0.95 ? Z95 : Quantile(confidence);
        var n = (double)trials;
        var p = successes / n;
        var z2 = z * z;
        var denominator = 1 + (z2 / n);
        var centre = (p + (z2 / (2 * n))) / denominator;
        var half = z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n))) / denominator;
        var low = successes == 0 ? 0 : Math.Max(0, centre - half);
        var high = successes == trials ? 1 : Math.Min(1, centre + half);
        return new Interval(low, high);
    }

    private static double Quantile(double confidence) => Normal.InvCDF(0, 1, 1 - ((1 - confidence) / 2));
}
