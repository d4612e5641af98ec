namespace CrmPersonCentric.Application.History;

/// <summary>One figure of a persona in one run, kept so its trend can be drawn: a trait's share, a behaviour's share, a dimension's coverage, the mean fit.</summary>
/// <param name="Key">What it measures, stable across runs ("trait:coreFear:budget-cuts", "behaviour:referral", "coverage:community", "fit").</param>
/// <param name="Label">What people read ("Budget cuts (core fear)").</param>
/// <param name="Kind">The family of the figure.</param>
/// <param name="Value">The share (or mean fit), 0 to 1.</param>
/// <param name="Low">The lower end of its 95% interval, when it has one.</param>
/// <param name="High">The upper end of its 95% interval, when it has one.</param>
/// <param name="Expected">What the persona declares, when it declares something.</param>
public sealed record Measure(string Key, string Label, MeasureKind Kind, double Value, double? Low = null, double? High = null, double? Expected = null);
