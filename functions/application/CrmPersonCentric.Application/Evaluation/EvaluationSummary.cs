using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Application.Evaluation;

/// <summary>A short, data-free summary of an evaluation run (what the admin "run now" answers).</summary>
/// <param name="Outcome">completed or skipped.</param>
/// <param name="Contacts">Contacts evaluated.</param>
/// <param name="DriftFindings">Drift findings.</param>
/// <param name="Suggestions">Suggestions.</param>
/// <param name="Written">What was written to Dataverse.</param>
/// <param name="DataQualityFindings">Data-quality findings (thin evidence, not drift).</param>
/// <param name="DurationMs">How long the run took.</param>
public sealed record EvaluationSummary(string Outcome, int Contacts, int DriftFindings, int Suggestions, DriftWriteResult? Written, int DataQualityFindings = 0, long DurationMs = 0)
{
    /// <summary>The summary of a run.</summary>
    public static EvaluationSummary Of(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Outcome, result.Contacts, result.Evaluation?.Drift.Count() ?? 0, result.Evaluation?.Suggestions.Length ?? 0, result.Written,
            result.Evaluation?.DataQuality.Count() ?? 0, (long)result.Duration.TotalMilliseconds);
    }
}
