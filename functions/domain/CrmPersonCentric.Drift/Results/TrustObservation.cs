namespace CrmPersonCentric.Drift.Results;

/// <summary>How the persona's people extend trust through one channel.</summary>
/// <param name="Channel">The channel key (peerReferral, community, content, salesLed).</param>
/// <param name="Label">A readable label.</param>
/// <param name="Count">People with trust recorded who use the channel.</param>
/// <param name="Observed">Their share of the people with trust recorded.</param>
/// <param name="IntervalLow">95% Wilson interval, low.</param>
/// <param name="IntervalHigh">95% Wilson interval, high.</param>
/// <param name="Expected">The share the persona declares, or null when it does not declare the channel.</param>
public sealed record TrustObservation(string Channel, string Label, long Count, double Observed, double IntervalLow, double IntervalHigh, double? Expected);
