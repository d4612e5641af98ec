using CrmPersonCentric.Dataverse.Ports;

namespace CrmPersonCentric.Backend.Services;

/// <summary>A short, data-free summary of an evaluation run (what the admin "run now" answers).</summary>
/// <param name="Outcome">completed or skipped.</param>
/// <param name="Contacts">Contacts evaluated.</param>
/// <param name="DriftFindings">Drift findings.</param>
/// <param name="Suggestions">Suggestions.</param>
/// <param name="Written">What was written to Dataverse.</param>
public sealed record EvaluationSummary(string Outcome, int Contacts, int DriftFindings, int Suggestions, DriftWriteResult? Written)
{
    /// <summary>The summary of a run.</summary>
    public static EvaluationSummary Of(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Outcome, result.Contacts, result.Evaluation?.Drift.Count() ?? 0, result.Evaluation?.Suggestions.Length ?? 0, result.Written);
    }
}
