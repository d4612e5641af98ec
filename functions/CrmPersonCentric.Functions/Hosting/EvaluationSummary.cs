using CrmPersonCentric.Functions.Services;

namespace CrmPersonCentric.Functions.Hosting;

/// <summary>What the admin "run now" answers.</summary>
/// <param name="Outcome">completed or skipped.</param>
/// <param name="Contacts">Contacts evaluated.</param>
/// <param name="DriftFindings">Drift findings.</param>
/// <param name="Suggestions">Suggestions.</param>
/// <param name="Written">What was written to Dataverse.</param>
public sealed record EvaluationSummary(string Outcome, int Contacts, int DriftFindings, int Suggestions, DriftWriteResult? Written);
