using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Results;

/// <summary>One result of a rule on a persona.</summary>
/// <param name="Id">Stable id: the same drift on the same data gets the same id (so re-runs do not duplicate).</param>
/// <param name="RuleId">The rule that produced it.</param>
/// <param name="PersonaId">The persona.</param>
/// <param name="Metric">What was measured.</param>
/// <param name="Dimension">The trait dimension, for trait metrics.</param>
/// <param name="Subject">The trait key or behaviour key, when the finding is about one.</param>
/// <param name="SubjectLabel">A readable label of the subject.</param>
/// <param name="Status">Drift or insufficient evidence.</param>
/// <param name="Severity">How urgent.</param>
/// <param name="Evidence">The numbers.</param>
/// <param name="Rationale">A plain-language explanation a marketing lead can act on.</param>
public sealed record Finding(
    string Id,
    string RuleId,
    string PersonaId,
    DriftMetric Metric,
    TraitDimension? Dimension,
    string? Subject,
    string? SubjectLabel,
    FindingStatus Status,
    Severity Severity,
    Evidence Evidence,
    string Rationale)
{
    /// <summary>The finding in one plain sentence (what people show against what the persona says), for the panel and the report's first lines; the statistics are in <see cref="Rationale"/>.</summary>
    public string Headline { get; init; } = string.Empty;

    /// <summary>The stable id of a finding with these coordinates.</summary>
    public static string MakeId(string personaId, string ruleId, TraitDimension? dimension, string? subject) =>
        string.Join(':', personaId, ruleId, dimension?.ToFieldName() ?? "-", subject ?? "-");
}
