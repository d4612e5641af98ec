using System.Runtime.CompilerServices;
namespace CrmPersonCentric.Drift.Statistics;

/// <summary>
/// Jensen–Shannon distance: the square root of the Jensen–Shannon divergence with base-2 logarithms, in [0, 1].
/// Inputs are non-negative weights normalised here to distributions.
/// Source: D. M. Endres and J. E. Schindelin (2003), IEEE Trans. Inf. Theory 49(7):1858–1860.
/// </summary>
public static class JensenShannon
{
    /// <summary>The distance between two weight vectors over the same bins.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Distance(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        if (p.Length != q.Length)
        {
            throw new ArgumentException("Both distributions need the same bins.", nameof(q));
        }

        var sumP = Sum(p, nameof(p));
        var sumQ = Sum(q, nameof(q));
        if (sumP == 0 || sumQ == 0)
        {
            return sumP == sumQ ? 0 : 1;
        }

        double divergence = 0;
        for (var i = 0; i < p.Length; i++)
        {
            var a = p[i] / sumP;
            var b = q[i] / sumQ;
            var m = (a + b) / 2;
            if (a > 0)
            {
                divergence += 0.5 * a * Math.Log2(a / m);
            }

            if (b > 0)
            {
                divergence += 0.5 * b * Math.Log2(b / m);
            }
        }

        return Math.Sqrt(Math.Clamp(divergence, 0, 1));
    }

    private static double Sum(ReadOnlySpan<double> weights, string name)
    {
        double sum = 0;
        foreach (var w in weights)
        {
            if (!(w >= 0) || double.IsInfinity(w))
            {
                throw new ArgumentOutOfRangeException(name, w, "Weights must be finite and non-negative.");
            }

            sum += w;
        }

        return sum;
    }
}
