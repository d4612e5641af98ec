namespace CrmPersonCentric.Drift.Results;

/// <summary>What a finding says.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Model.CamelCaseEnumConverter<FindingStatus>))]
public enum FindingStatus
{
    /// <summary>The persona and its people have drifted apart on this measure.</summary>
    Drift,

    /// <summary>Too few people to say; never reported as drift.</summary>
    InsufficientEvidence,

    /// <summary>The persona is not wrong, the evidence is thin: too few of its people have a dimension recorded.</summary>
    DataQuality,

    /// <summary>Not drift: a lever to act on (a theme that lands, advocacy carried by a few people).</summary>
    Opportunity,
}
