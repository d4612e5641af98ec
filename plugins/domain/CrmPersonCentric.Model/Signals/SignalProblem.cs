namespace CrmPersonCentric.Model.Signals;

/// <summary>What keeps a field of a signal from being accepted.</summary>
/// <param name="Field">The field.</param>
/// <param name="Message">Why, in words (never the value when it could be personal data).</param>
public sealed record SignalProblem(SignalField Field, string Message);
