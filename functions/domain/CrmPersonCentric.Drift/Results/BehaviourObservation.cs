namespace CrmPersonCentric.Drift.Results;

/// <summary>Expected vs observed behaviour of one persona in a window.</summary>
/// <param name="Key">Behaviour key ("referral", "messagingresponse-l4"...).</param>
/// <param name="Label">Readable label.</param>
/// <param name="WindowDays">The window.</param>
/// <param name="ExpectedShare">Expected share, when declared.</param>
/// <param name="Count">People showing it in the window.</param>
/// <param name="ObservedShare">Observed share.</param>
/// <param name="IntervalLow">Wilson 95% lower bound of the share.</param>
/// <param name="IntervalHigh">Wilson 95% upper bound of the share.</param>
/// <param name="Events">Events in the window.</param>
/// <param name="ExpectedRatePerPersonYear">Expected rate, when declared.</param>
/// <param name="ObservedRatePerPersonYear">Observed rate.</param>
public sealed record BehaviourObservation(
    string Key,
    string Label,
    int WindowDays,
    double? ExpectedShare,
    long Count,
    double ObservedShare,
    double IntervalLow,
    double IntervalHigh,
    long Events,
    double? ExpectedRatePerPersonYear,
    double ObservedRatePerPersonYear);
