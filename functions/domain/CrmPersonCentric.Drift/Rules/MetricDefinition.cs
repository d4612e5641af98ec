using System.Collections.Frozen;

namespace CrmPersonCentric.Drift.Rules;

/// <summary>What a metric's threshold and parameter mean, their valid ranges, and which way is worse.</summary>
/// <param name="Metric">The metric.</param>
/// <param name="ThresholdMeaning">What the threshold is, in words an ops admin understands.</param>
/// <param name="ThresholdLow">Smallest valid threshold (exclusive).</param>
/// <param name="ThresholdHigh">Largest valid threshold (inclusive).</param>
/// <param name="LowerIsWorse">True when a smaller effect is worse (stale traits: a lower observed/declared ratio).</param>
/// <param name="UsesDimension">True for trait metrics, which may name a dimension.</param>
/// <param name="ParameterMeaning">What the parameter is, or null when the metric has none.</param>
/// <param name="ParameterLow">Smallest valid parameter (exclusive).</param>
/// <param name="ParameterHigh">Largest valid parameter (inclusive).</param>
/// <param name="ParameterDefault">The parameter when the rule leaves it empty.</param>
public sealed record MetricDefinition(
    DriftMetric Metric,
    string ThresholdMeaning,
    double ThresholdLow,
    double ThresholdHigh,
    bool LowerIsWorse,
    bool UsesDimension,
    string? ParameterMeaning = null,
    double ParameterLow = 0,
    double ParameterHigh = 0,
    double? ParameterDefault = null)
{
    private static readonly FrozenDictionary<DriftMetric, MetricDefinition> Definitions = new MetricDefinition[]
    {
        new(DriftMetric.TraitPrevalence, "the smallest difference between observed and declared prevalence (0–1) that counts as mis-weighted", 0, 1, false, true),
        new(DriftMetric.StaleTrait, "the observed/declared prevalence ratio (0–1) at or below which a declared trait is stale", 0, 1, true, true),
        new(DriftMetric.EmergingTrait, "the prevalence (0–1) an undeclared trait must significantly exceed to be emerging", 0, 1, false, true),
        new(DriftMetric.DistributionDistance, "the Jensen–Shannon distance (0–1) between declared and observed trait weights that counts as drift", 0, 1, false, true),
        new(DriftMetric.PopulationStability, "the PSI between the previous and current window that counts as a shift (0.1 moderate, 0.25 significant)", 0, 10, false, true),
        new(DriftMetric.BehaviourShare, "the smallest difference between observed and expected behaviour share (0–1) that counts as drift", 0, 1, false, false),
        new(DriftMetric.BehaviourRate, "the smallest relative difference |observed/expected − 1| of a behaviour rate that counts as drift", 0, 100, false, false),
        new(DriftMetric.IcpLeakage, "the share of tagged people outside the ICP filter (0–1) that is tolerated", 0, 1, false, false),
        new(DriftMetric.PoorFitShare, "the share of tagged people with a poor fit (0–1) that is tolerated", 0, 1, false, false,
            "the fit below which a person counts as a poor fit", 0, 1, Model.Fit.PersonaFit.DefaultPoorFitCutoff),
        new(DriftMetric.PersonaSplit, "the mean silhouette (0–1) at which groups count as well separated", 0, 1, false, false,
            "the smallest share of the persona each group must hold", 0, 0.5, 0.15),
        new(DriftMetric.MessagingDepth, "the smallest lead (0–1) of layer-4 response share over the reached layer's share, among people with a recorded deep desire", 0, 1, false, false),
        new(DriftMetric.ProfileCoverage, "the share of the persona's people (0–1) with a dimension recorded below which its evidence counts as thin (a data-quality finding, not drift)", 0, 1, true, true),
        new(DriftMetric.TrustChannel, "the smallest difference (0–1) between the observed and expected share of people with trust recorded who extend trust through a channel; for a channel the persona does not declare, the share it must significantly exceed", 0, 1, false, false),
        new(DriftMetric.MessageTheme, "the smallest relative lift (observed ÷ baseline − 1) of a theme's response share over the persona's response share per theme that counts as a theme that lands (an opportunity, not drift)", 0, 100, false, false),
        new(DriftMetric.AdvocacyConcentration, "the share (0–1) of the persona's contribution, referral, advocacy and co-creation events in the window that its most active tenth of people produce, at or above which its advocacy counts as concentrated (an opportunity, not drift)", 0, 1, false, false),
        new(DriftMetric.SiloedJourney, "the share (0–1) of the persona's people with at least 3 touchpoints of a known function in the last 365 days who met only one function, above which its journey counts as siloed (an opportunity, not drift)", 0, 1, false, false),
    }.ToFrozenDictionary(d => d.Metric);

    /// <summary>The definition of a metric.</summary>
    public static MetricDefinition For(DriftMetric metric) =>
        Definitions.TryGetValue(metric, out var definition)
            ? definition
            : throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown drift metric.");

    /// <summary>True when the effect is at or beyond the limit in the worse direction.</summary>
    public bool IsAtOrBeyond(double effect, double limit) => LowerIsWorse ? effect <= limit : effect >= limit;
}
