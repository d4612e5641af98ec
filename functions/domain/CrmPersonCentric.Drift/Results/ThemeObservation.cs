namespace CrmPersonCentric.Drift.Results;

/// <summary>How one messaging theme lands with the persona's people.</summary>
/// <param name="Key">The theme key.</param>
/// <param name="Label">A readable label.</param>
/// <param name="Responders">People who responded to it in the window.</param>
/// <param name="Share">Their share of the persona's tagged people.</param>
/// <param name="IntervalLow">95% Wilson interval, low.</param>
/// <param name="IntervalHigh">95% Wilson interval, high.</param>
/// <param name="Baseline">The persona's mean response share over its other themes of the same layer (what the theme is compared with); null when it is alone in its layer.</param>
/// <param name="Addresses">The trait it addresses ("core fear: Missing quota"), when the theme taxonomy says.</param>
/// <param name="Layer">The messaging layer it speaks to (the theme taxonomy's, else that of its responses).</param>
public sealed record ThemeObservation(string Key, string Label, long Responders, double Share, double IntervalLow, double IntervalHigh, double? Baseline, string? Addresses, int Layer);
