using System.Globalization;

namespace CrmPersonCentric.Reports.View;

/// <summary>Figures and counts as a person reads them: whole percentages, thousands separators, plurals that agree.</summary>
public static class Say
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A count with its noun, singular or plural ("1 person", "12 people").</summary>
    public static string Count(long n, string one, string many) => $"{N(n)} {(n == 1 ? one : many)}";

    /// <summary>A count with thousands separators.</summary>
    public static string N(long n) => n.ToString("N0", Invariant);

    /// <summary>A share as a whole percentage ("42%"); under 1% but above 0 reads "under 1%".</summary>
    public static string Pct(double share) => share is > 0 and < 0.005 ? "under 1%" : (share * 100).ToString("0", Invariant) + "%";

    /// <summary>A share's 95% interval ("35–49%").</summary>
    public static string Interval(double low, double high) => $"{(low * 100).ToString("0", Invariant)}–{(high * 100).ToString("0", Invariant)}%";

    /// <summary>A score with two decimals.</summary>
    public static string F2(double value) => value.ToString("0.00", Invariant);

    /// <summary>A q- or p-value: "q &lt; 0.001" or "q = 0.012".</summary>
    public static string Q(string name, double value) => value < 0.001 ? $"{name} < 0.001" : $"{name} = {value.ToString("0.000", Invariant)}";

    /// <summary>A date as the report shows it ("2026-11-30").</summary>
    public static string Date(DateTimeOffset date) => date.ToString("yyyy-MM-dd", Invariant);

    /// <summary>A list in words ("a, b and c").</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };
}
