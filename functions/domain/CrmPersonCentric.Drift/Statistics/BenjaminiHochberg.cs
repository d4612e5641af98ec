namespace CrmPersonCentric.Drift.Statistics;

/// <summary>
/// Benjamini–Hochberg step-up procedure: adjusted p-values (q-values) that control the false discovery rate.
/// q(i) = min over j ≥ i of m·p(j)/j, for p-values sorted ascending.
/// Source: Y. Benjamini and Y. Hochberg (1995), JRSS B 57(1):289–300.
/// </summary>
public static class BenjaminiHochberg
{
    /// <summary>The q-value of every p-value, in the input order.</summary>
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

        var values = pValues.ToArray();
        Array.Sort(order, (a, b) => values[a].CompareTo(values[b]) is var c && c != 0 ? c : a.CompareTo(b));
        var running = 1.0;
        for (var rank = m; rank >= 1; rank--)
        {
            var index = order[rank - 1];
            running = Math.Min(running, values[index] * m / rank);
            q[index] = running;
        }

        return q;
    }
}
