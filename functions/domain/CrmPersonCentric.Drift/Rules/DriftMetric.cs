namespace CrmPersonCentric.Drift.Rules;

/// <summary>What a drift rule measures.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Model.CamelCaseEnumConverter<DriftMetric>))]
public enum DriftMetric
{
    /// <summary>Declared trait whose observed prevalence differs from the declared one (mis-weighted).</summary>
    TraitPrevalence,

    /// <summary>Declared trait that its people rarely show.</summary>
    StaleTrait,

    /// <summary>Undeclared trait that its people often show.</summary>
    EmergingTrait,

    /// <summary>Jensen–Shannon distance between declared weights and observed prevalence of a dimension.</summary>
    DistributionDistance,

    /// <summary>Population Stability Index of a dimension, previous window vs current window.</summary>
    PopulationStability,

    /// <summary>Share of people showing a behaviour in the window vs the expected share.</summary>
    BehaviourShare,

    /// <summary>Events per person-year vs the expected rate.</summary>
    BehaviourRate,

    /// <summary>Share of tagged people whose account lies outside the persona's ICP filter.</summary>
    IcpLeakage,

    /// <summary>Share of tagged people whose fit to the persona is poor.</summary>
    PoorFitShare,

    /// <summary>Two or more well-separated groups hiding in one persona.</summary>
    PersonaSplit,

    /// <summary>People with recorded personal desires respond to layer-4 themes while the persona stops earlier.</summary>
    MessagingDepth,

    /// <summary>Share of the persona's people with a dimension recorded (a data-quality measure, never drift).</summary>
    ProfileCoverage,

    /// <summary>Share of people with trust recorded who extend trust through a channel vs the share the persona expects.</summary>
    TrustChannel,

    /// <summary>A messaging theme whose response share clearly beats the persona's response share per theme (an opportunity, not drift).</summary>
    MessageTheme,

    /// <summary>Share of the persona's advocacy coming from its most active tenth of people (an opportunity, not drift).</summary>
    AdvocacyConcentration,

    /// <summary>Share of the persona's people with enough touchpoints to tell who met only one function (an opportunity, not drift).</summary>
    SiloedJourney,
}
