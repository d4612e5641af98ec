using System.Runtime.CompilerServices;
namespace CrmPersonCentric.Drift.Statistics;

/// <summary>
/// Benjamini–Hochberg step-up procedure: adjusted p-values (q-values) that control the false discovery rate.
/// q(i) = min over j ≥ i of m·p(j)/j, for p-values sorted ascending.
/// Source: Y. Benjamini and Y. Hochberg (1995), JRSS B 57(1):289–300.
/// </summary>
public static class BenjaminiHochberg
{
    /// <summary>The q-value of every p-value, in the input order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[] Adjust(ReadOnlySpan<double> pValues)
    {
        var m = pValues.Length;
        var q = new double[m];
        if (m == 0)
        {
            return q;
        }

        var order = new int[m];
        for (var i = 0; i < m; i++)
        {
            if (!(pValues[i] >= 0 && pValues[i] <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(pValues), pValues[i], "p-values must be in [0, 1].");
            }

            order[i] = i;
        }

        // Sorted as numbers with their positions alongside (no comparison delegate: a run at 1M contacts adjusts 70,000).
        // Equal p-values may come out in any order: they get the same q-value wherever they stand, since the running
        // minimum reaches the block of them at its highest rank, where m·p / rank is smallest.
        var sorted = pValues.ToArray();
        Array.Sort(sorted, order);
        var running = 1.0;
        for (var rank = m; rank >= 1; rank--)
        {
            running = Math.Min(running, sorted[rank - 1] * m / rank);
            q[order[rank - 1]] = running;
        }

        return q;
    }
}
