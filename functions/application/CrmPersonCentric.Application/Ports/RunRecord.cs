namespace CrmPersonCentric.Application.Ports;

/// <summary>One evaluation run, as kept in the run history.</summary>
/// <param name="Trigger">timer, admin or report.</param>
/// <param name="StartedOn">When it started.</param>
/// <param name="DurationMs">How long it took.</param>
/// <param name="AsOf">The as-of date.</param>
/// <param name="Contacts">Tagged contacts evaluated.</param>
/// <param name="DriftFindings">Drift findings.</param>
/// <param name="Suggestions">Suggestions.</param>
/// <param name="Outcome">completed, skipped (lease held) or failed.</param>
public sealed record RunRecord(string Trigger, DateTimeOffset StartedOn, long DurationMs, DateTimeOffset AsOf, int Contacts, int DriftFindings, int Suggestions, string Outcome);
