namespace CrmPersonCentric.Drift.Statistics;

/// <summary>A test statistic and its p-value.</summary>
/// <param name="Statistic">The statistic (z, χ², ...).</param>
/// <param name="PValue">The p-value in [0, 1].</param>
public readonly record struct TestResult(double Statistic, double PValue);
