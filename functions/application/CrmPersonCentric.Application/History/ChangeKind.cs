namespace CrmPersonCentric.Application.History;

/// <summary>How a finding moved since the last run.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Model.CamelCaseEnumConverter<ChangeKind>))]
public enum ChangeKind
{
    /// <summary>Not seen in the last run.</summary>
    New,

    /// <summary>More severe, or further from what the persona says.</summary>
    Worsened,

    /// <summary>Less severe, or closer to what the persona says.</summary>
    Improved,

    /// <summary>Seen in the last run, gone now.</summary>
    Resolved,
}
