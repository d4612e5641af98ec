namespace CrmPersonCentric.Drift.Rules;

/// <summary>
/// A drift rule, as ops admins configure it. Rules are data: the engine runs whatever enabled rules it is given.
/// </summary>
/// <param name="Id">Stable id; findings carry it.</param>
/// <param name="Name">What the rule is for, in words.</param>
/// <param name="Metric">What it measures.</param>
/// <param name="Dimension">For trait metrics, the dimension; null means every dimension. Must be null for others.</param>
/// <param name="Threshold">The effect size that counts as drift; meaning and range depend on the metric (see <see cref="MetricDefinition"/>).</param>
/// <param name="CriticalThreshold">Optional effect size at which the finding becomes critical.</param>
/// <param name="MinimumSample">Below this many people the result is "insufficient evidence", never drift.</param>
/// <param name="WindowDays">Evaluation window in days (behaviours, responses and the PSI windows).</param>
/// <param name="Severity">Severity of a finding below the critical threshold.</param>
/// <param name="PersonaId">Scope: one persona's id, or null for all personas.</param>
/// <param name="Enabled">Disabled rules are skipped.</param>
/// <param name="FalseDiscoveryRate">The q-value at or below which a test counts as significant (Benjamini–Hochberg).</param>
/// <param name="Parameter">A metric-specific setting (poor-fit cut-off, minimum group share); null takes the default.</param>
public sealed record DriftRule(
    string Id,
    string Name,
    DriftMetric Metric,
    Model.TraitDimension? Dimension,
    double Threshold,
    double? CriticalThreshold,
    int MinimumSample,
    int WindowDays,
    Severity Severity,
    string? PersonaId,
    bool Enabled = true,
    double FalseDiscoveryRate = 0.05,
    double? Parameter = null)
{
    /// <summary>The definition of the rule's metric.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public MetricDefinition Definition => MetricDefinition.For(Metric);

    /// <summary>The metric parameter, or its default.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double EffectiveParameter => Parameter ?? Definition.ParameterDefault ?? 0;

    /// <summary>True when the rule applies to this persona.</summary>
    public bool AppliesTo(string personaId) => PersonaId is null || string.Equals(PersonaId, personaId, StringComparison.Ordinal);

    /// <summary>The severity of a finding with this effect.</summary>
    public Severity SeverityFor(double effect) =>
        CriticalThreshold is { } critical && Definition.IsAtOrBeyond(effect, critical) ? Severity.Critical : Severity;
}
