namespace CrmPersonCentric.Model;

/// <summary>The person-centric dimensions a persona declares traits in and a contact records traits in.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<TraitDimension>))]
public enum TraitDimension
{
    /// <summary>What the person wants to achieve or become.</summary>
    Aspiration = 0,

    /// <summary>What the person is afraid of (loss of status, missing targets, being replaced...).</summary>
    CoreFear = 1,

    /// <summary>The peers the person compares themselves with and listens to.</summary>
    PeerGroup = 2,

    /// <summary>The communities the person belongs to or takes part in.</summary>
    Community = 3,
}
