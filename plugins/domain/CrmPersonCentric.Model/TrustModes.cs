namespace CrmPersonCentric.Model;

/// <summary>How a person extends trust to a vendor; a person can use several.</summary>
[Flags]
[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<TrustModes>))]
public enum TrustModes
{
    /// <summary>Nothing recorded.</summary>
    None = 0,

    /// <summary>Trusts what peers refer.</summary>
    PeerReferral = 1,

    /// <summary>Trusts what their community endorses.</summary>
    Community = 2,

    /// <summary>Trusts content they have read or watched.</summary>
    Content = 4,

    /// <summary>Trusts a relationship with a sales person.</summary>
    SalesLed = 8,
}
