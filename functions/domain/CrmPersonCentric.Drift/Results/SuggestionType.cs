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

    /// <summary>Change a trust channel's expected share to what people show.</summary>
    ReviseTrustChannel,

    /// <summary>Move the go-to-market motion: people extend trust through peers while the persona assumes sales-led.</summary>
    ChangeGoToMarket,

    /// <summary>Lead the persona's messaging with a theme that lands.</summary>
    LeadWithTheme,

    /// <summary>Build an advocate programme around the few people who carry the persona's advocacy.</summary>
    BuildAdvocateProgramme,
}

/// <summary>What each kind of revision is called where people read it.</summary>
public static class SuggestionTypes
{
    /// <summary>The kind of revision in plain words.</summary>
    public static string Describe(this SuggestionType type) => type switch
    {
        SuggestionType.AddTrait => "Add a trait",
        SuggestionType.RetireTrait => "Retire a trait",
        SuggestionType.ReweightTrait => "Reweight a trait",
        SuggestionType.SplitPersona => "Split the persona",
        SuggestionType.DeepenMessaging => "Take its messaging deeper",
        SuggestionType.TightenTagging => "Tighten who gets tagged",
        SuggestionType.WidenIcp => "Widen the ideal customer profile",
        SuggestionType.ReviseBehaviourExpectation => "Revise a behaviour expectation",
        SuggestionType.ReviseTrustChannel => "Revise how it extends trust",
        SuggestionType.ChangeGoToMarket => "Change the go-to-market motion",
        SuggestionType.LeadWithTheme => "Lead with a message",
        SuggestionType.BuildAdvocateProgramme => "Build an advocate programme",
        _ => type.ToString(),
    };
}
