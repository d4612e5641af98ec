using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;

namespace CrmPersonCentric.Application.History;

/// <summary>A finding as one run saw it, kept so the next run can say what is new, worse, better or resolved.</summary>
/// <param name="Id">The finding's stable id.</param>
/// <param name="Status">Drift, opportunity or data quality.</param>
/// <param name="Severity">Its severity.</param>
/// <param name="Headline">Its plain sentence in that run.</param>
/// <param name="Observed">What people showed.</param>
/// <param name="Expected">What the persona said, when it says something.</param>
public sealed record FindingState(string Id, FindingStatus Status, Severity Severity, string Headline, double Observed, double? Expected);
