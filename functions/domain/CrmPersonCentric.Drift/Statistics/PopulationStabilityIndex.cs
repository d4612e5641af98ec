namespace CrmPersonCentric.Drift.Statistics;

/// <summary>
/// Population Stability Index between an expected (previous window) and an actual (current window) histogram:
/// PSI = Σ (aᵢ − eᵢ)·ln(aᵢ/eᵢ) over bin shares. Empty bins are smoothed by adding half a count to every bin
/// (Jeffreys), so the index stays finite. Conventional reading: below 0.1 stable, 0.1–0.25 moderate shift,
/// above 0.25 significant shift.
/// Source: B. Yurdakul (2018), "Statistical properties of population stability index", Western Michigan Univ.
/// </summary>
public static class PopulationStabilityIndex
{
    /// <summary>Conventional threshold of a moderate shift.</summary>
    public const double ModerateShift = 0.1;

    /// <summary>Conventional threshold of a significant shift.</summary>
    public const double SignificantShift = 0.25;

    /// <summary>Pseudo-count added to every bin before computing shares.</summary>
    public const double Smoothing = 0.5;

    /// <summary>The index between two count histograms over the same bins.</summary>
    public static double Compute(ReadOnlySpan<double> expectedCounts, ReadOnlySpan<double> actualCounts)
    {
        if (expectedCounts.Length != actualCounts.Length)
        {
            throw new ArgumentException("Both histograms need the same bins.", nameof(actualCounts));
        }

        var bins = expectedCounts.Length;
        if (bins == 0)
        {
            return 0;
        }

        var totalExpected = Total(expectedCounts, nameof(expectedCounts)) + (Smoothing * bins);
        var totalActual = Total(actualCounts, nameof(actualCounts)) + (Smoothing * bins);
        double psi = 0;
        for (var i = 0; i < bins; i++)
        {
            var e = (expectedCounts[i] + Smoothing) / totalExpected;
            var a = (actualCounts[i] + Smoothing) / totalActual;
            psi += (a - e) * Math.Log(a / e);
        }

        return psi;
    }

    private static double Total(ReadOnlySpan<double> counts, string name)
    {
        double total = 0;
        foreach (var c in counts)
        {
            if (!(c >= 0) || double.IsInfinity(c))
            {
                throw new ArgumentOutOfRangeException(name, c, "Counts must be finite and non-negative.");
            }

            total += c;
        }

        return total;
    }
}
