using MathNet.Numerics.Distributions;

namespace CrmPersonCentric.Drift.Statistics;

/// <summary>
/// Score (Wilson) test of a binomial proportion against a hypothesised value p0: z = (p̂ − p0) / √(p0(1 − p0)/n).
/// It is the test the Wilson interval inverts, so a finding's interval and its p-value always agree.
/// Source: A. Agresti, Categorical Data Analysis (3rd ed., 2013), §1.3.3.
/// </summary>
public static class ProportionTest
{
    /// <summary>Two-sided test of H0: p = p0.</summary>
    public static TestResult TwoSided(long successes, long trials, double p0)
    {
        var z = Score(successes, trials, p0);
        return new TestResult(z, double.IsInfinity(z) ? 0 : Math.Min(1, 2 * Normal.CDF(0, 1, -Math.Abs(z))));
    }

    /// <summary>One-sided test of H0: p ≤ p0 against p &gt; p0.</summary>
    public static TestResult Greater(long successes, long trials, double p0)
    {
        var z = Score(successes, trials, p0);
        return new TestResult(z, z switch
        {
            double.PositiveInfinity => 0,
            double.NegativeInfinity => 1,
            _ => Normal.CDF(0, 1, -z),
        });
    }

    /// <summary>
    /// Two-sided test of H0: p1 = p2 for two independent samples (pooled z; Agresti §2.1.2). A pooled proportion of 0 or
    /// 1 gives z = 0, p = 1 (both samples agree exactly).
    /// </summary>
    public static TestResult TwoSample(long successes1, long trials1, long successes2, long trials2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials1, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(trials2, 1);
        var pooled = (double)(successes1 + successes2) / (trials1 + trials2);
        var variance = pooled * (1 - pooled) * ((1.0 / trials1) + (1.0 / trials2));
        if (variance == 0)
        {
            return new TestResult(0, 1);
        }

        var z = (((double)successes1 / trials1) - ((double)successes2 / trials2)) / Math.Sqrt(variance);
        return new TestResult(z, Math.Min(1, 2 * Normal.CDF(0, 1, -Math.Abs(z))));
    }

    /// <summary>One-sided form of <see cref="TwoSample"/>: H0: p1 ≤ p2 against p1 &gt; p2.</summary>
    public static TestResult TwoSampleGreater(long successes1, long trials1, long successes2, long trials2)
    {
        var twoSided = TwoSample(successes1, trials1, successes2, trials2);
        return twoSided with { PValue = twoSided.Statistic > 0 ? twoSided.PValue / 2 : 1 - (twoSided.PValue / 2) };
    }

    private static double Score(long successes, long trials, double p0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (!(p0 >= 0 && p0 <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p0), p0, "The hypothesised proportion must be in [0, 1].");
        }

        var observed = (double)successes / trials;
        var variance = p0 * (1 - p0) / trials;
        if (variance == 0)
        {
            // p0 of 0 or 1 admits no variation: any deviation is certain evidence, none is none.
            return observed == p0 ? 0 : (observed > p0 ? double.PositiveInfinity : double.NegativeInfinity);
        }

        return (observed - p0) / Math.Sqrt(variance);
    }
}
