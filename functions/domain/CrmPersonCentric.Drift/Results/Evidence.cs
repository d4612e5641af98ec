namespace CrmPersonCentric.Drift.Results;

/// <summary>The numbers behind a finding.</summary>
/// <param name="N">How many people (or events) the figure is based on.</param>
/// <param name="Observed">What was observed (a share, a rate, a distance...).</param>
/// <param name="Expected">What the persona declares or the rule tolerates; null when there is no reference.</param>
/// <param name="IntervalLow">Lower bound of the 95% interval of the observed value, when there is one.</param>
/// <param name="IntervalHigh">Upper bound of the 95% interval of the observed value, when there is one.</param>
/// <param name="StatisticName">The statistic ("z", "JS distance", "PSI", "silhouette"...).</param>
/// <param name="Statistic">Its value.</param>
/// <param name="PValue">The test's p-value, when the metric is a test.</param>
/// <param name="QValue">The Benjamini–Hochberg q-value across all tests of the run, when the metric is a test.</param>
/// <param name="MinimumSample">The rule's minimum sample.</param>
/// <param name="Coverage">For trait metrics, the share of the persona's people with the dimension recorded (the n above).</param>
/// <param name="Caveat">When the recorded people differ markedly from the others (in behaviour), what that means for the figures.</param>
/// <param name="RecentDays">When the figure is about the people profiled in the last so many days only (recent emergence), those days.</param>
/// <param name="Overall">For a recent figure, the same figure over all the persona's people.</param>
public sealed record Evidence(
    long N,
    double Observed,
    double? Expected,
    double? IntervalLow,
    double? IntervalHigh,
    string StatisticName,
    double Statistic,
    double? PValue,
    double? QValue,
    int MinimumSample,
    double? Coverage = null,
    string? Caveat = null,
    int? RecentDays = null,
    double? Overall = null);
