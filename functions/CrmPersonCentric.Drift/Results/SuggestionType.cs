namespace CrmPersonCentric.Drift.Results;

/// <summary>Kinds of persona revision.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Model.CamelCaseEnumConverter<SuggestionType>))]
public enum SuggestionType
{
    /// <summary>Declare a trait the people show.</summary>
    AddTrait,

    /// <summary>Drop a declared trait the people do not show.</summary>
    RetireTrait,

    /// <summary>Change a declared trait's expected prevalence.</summary>
    ReweightTrait,

    /// <summary>Split the persona into the groups found.</summary>
    SplitPersona,

    /// <summary>Take the persona's messaging to layer 4.</summary>
    DeepenMessaging,

    /// <summary>Stop tagging people who do not fit.</summary>
    TightenTagging,

    /// <summary>Widen the ICP filter to where fitting people actually come from.</summary>
    WidenIcp,

    /// <summary>Change a behaviour expectation to what people do.</summary>
    ReviseBehaviourExpectation,
}
