namespace CrmPersonCentric.Functions.Http;

/// <summary>The answer to a synchronous step's event that the step accepted.</summary>
/// <param name="Outcome">Completed or Skipped.</param>
/// <param name="Message">What the step did.</param>
public sealed record StepVerdict(string Outcome, string Message);
