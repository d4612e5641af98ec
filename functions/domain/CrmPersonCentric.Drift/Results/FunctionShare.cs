namespace CrmPersonCentric.Drift.Results;

/// <summary>One function's part in the persona's journey.</summary>
/// <param name="Source">The function's key (marketing, sales, community, product, customerSuccess, events).</param>
/// <param name="Label">A readable label.</param>
/// <param name="Signals">Signals it recorded in the journey window.</param>
/// <param name="SignalShare">Its share of the signals with a known function.</param>
/// <param name="People">People it touched.</param>
public sealed record FunctionShare(string Source, string Label, long Signals, double SignalShare, long People);
