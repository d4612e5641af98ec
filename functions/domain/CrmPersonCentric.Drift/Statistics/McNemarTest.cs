using MathNet.Numerics.Distributions;

namespace CrmPersonCentric.Drift.Statistics;

/// <summary>
/// McNemar's test for paired proportions (the same people answering two ways): with b people positive only on
/// the first and c only on the second, an exact binomial test of b ~ Bin(b + c, ½), one-sided towards b &gt; c.
/// Source: Q. McNemar (1947), Psychometrika 12:153–157; exact form per Agresti (2013) §11.1.
/// </summary>
public static class McNemarTest
{
    /// <summary>One-sided exact test of H0: P(first only) ≤ P(second only).</summary>
    public static TestResult FirstGreater(long firstOnly, long secondOnly)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstOnly);
        ArgumentOutOfRangeException.ThrowIfNegative(secondOnly);
        var discordant = firstOnly + secondOnly;
        if (discordant == 0)
        {
            return new TestResult(0, 1);
        }

        // P(X ≥ b) for X ~ Bin(b + c, 0.5).
        var p = firstOnly == 0 ? 1 : 1 - Binomial.CDF(0.5, (int)Math.Min(discordant, int.MaxValue), firstOnly - 1);
        var chiSquare = Math.Pow(firstOnly - secondOnly, 2) / discordant;
        return new TestResult(chiSquare, Math.Clamp(p, 0, 1));
    }
}
