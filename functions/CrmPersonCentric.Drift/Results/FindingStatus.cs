namespace CrmPersonCentric.Drift.Results;

/// <summary>What a finding says.</summary>
public enum FindingStatus
{
    /// <summary>The persona and its people have drifted apart on this measure.</summary>
    Drift,

    /// <summary>Too few people to say; never reported as drift.</summary>
    InsufficientEvidence,
}
