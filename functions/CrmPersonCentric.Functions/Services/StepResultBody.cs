namespace CrmPersonCentric.Functions.Services;

/// <summary>The answer to a synchronous webhook delivery, processed inline.</summary>
/// <param name="Outcome">The step's outcome.</param>
/// <param name="Message">The step's message.</param>
public sealed record StepResultBody(string Outcome, string? Message);
