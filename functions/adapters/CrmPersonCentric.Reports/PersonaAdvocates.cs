using CrmPersonCentric.Drift.Results;

namespace CrmPersonCentric.Reports;

/// <summary>One persona's advocates and connectors, as advocates.json holds them (contact ids and reasons, never names).</summary>
/// <param name="PersonaId">The persona.</param>
/// <param name="Advocates">Its advocates and connectors.</param>
public sealed record PersonaAdvocates(string PersonaId, AdvocateSummary Advocates);
