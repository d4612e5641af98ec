using System.Runtime.CompilerServices;
using MathNet.Numerics.Distributions;

namespace CrmPersonCentric.Drift.Statistics;

/// <summary>
/// Draws from Binomial(n, p) in time independent of n, for bootstraps at the size of a persona (hundreds of thousands
/// of people): exact inversion (Kachitvichyanukul and Schmeiser's BINV) while n·p·(1 − p) is small, the normal
/// approximation with continuity correction above. (A bootstrap draws thousands of times per run, so the cost must not grow with n.)
/// </summary>
public static class BinomialDraw
{
    /// <summary>Above this variance the normal approximation is used.</summary>
    private const double NormalFrom = 25;

    /// <summary>A draw of the number of successes in <paramref name="n"/> trials of probability <paramref name="p"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Sample(Random random, double p, long n)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (n <= 0 || p <= 0)
        {
            return 0;
        }

        if (p >= 1)
        {
            return n;
        }

        if (p > 0.5)
        {
            return n - Sample(random, 1 - p, n);
        }

        var variance = n * p * (1 - p);
        if (variance >= NormalFrom)
        {
            var draw = Math.Round(Normal.Sample(random, n * p, Math.Sqrt(variance)));
            return (long)Math.Clamp(draw, 0, n);
        }

        // Inversion: walk the probability mass function from 0 until the uniform draw is used up (about n·p steps).
        var q = 1 - p;
        var s = p / q;
        var a = (n + 1) * s;
        var r = Math.Pow(q, n);
        var u = random.NextDouble();
        long x = 0;
        while (u > r && x < n)
        {
            u -= r;
            x++;
            r *= (a / x) - s;
        }

        return x;
    }
}
