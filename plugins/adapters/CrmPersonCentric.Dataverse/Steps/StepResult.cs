using System.Collections.Immutable;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Dataverse.Steps;

/// <summary>What a step did.</summary>
/// <param name="Outcome">Completed, skipped, or rejected.</param>
/// <param name="Message">A short description for logs and responses (never personal data).</param>
/// <param name="Errors">For a rejection, each problem with the column it concerns.</param>
public sealed record StepResult(StepOutcome Outcome, string Message, ImmutableArray<ValidationError> Errors)
{
    /// <summary>The step did its work.</summary>
    public static StepResult Completed(string message) => new(StepOutcome.Completed, message, []);

    /// <summary>The step had nothing to do (not an error).</summary>
    public static StepResult Skipped(string message) => new(StepOutcome.Skipped, message, []);

    /// <summary>The input cannot be accepted; a synchronous step's webhook answers non-2xx with this message.</summary>
    public static StepResult Rejected(string message, IEnumerable<ValidationError> errors) => new(StepOutcome.Rejected, message, [.. errors]);
}
