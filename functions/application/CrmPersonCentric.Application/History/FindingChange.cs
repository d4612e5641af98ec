using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;

namespace CrmPersonCentric.Application.History;

/// <summary>How one finding moved between two runs.</summary>
/// <param name="PersonaId">Its persona.</param>
/// <param name="FindingId">Its stable id.</param>
/// <param name="Kind">New, worse, better or resolved.</param>
/// <param name="Headline">Its plain sentence (the latest run's; the earlier one's when resolved).</param>
/// <param name="Status">Drift, opportunity or data quality.</param>
/// <param name="Before">Its severity in the earlier run, if it was there.</param>
/// <param name="After">Its severity in this run, if it is still there.</param>
public sealed record FindingChange(string PersonaId, string FindingId, ChangeKind Kind, string Headline, FindingStatus Status, Severity? Before, Severity? After);
