namespace CrmPersonCentric.Application.History;

/// <summary>The families of figures a run keeps for trends.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Model.CamelCaseEnumConverter<MeasureKind>))]
public enum MeasureKind
{
    /// <summary>Mean fit of the people with a fit.</summary>
    Fit,

    /// <summary>Share of the people with a dimension recorded.</summary>
    Coverage,

    /// <summary>Share of the people showing a trait (declared, or with a finding).</summary>
    Trait,

    /// <summary>Share of the people showing a behaviour in the window.</summary>
    Behaviour,
}
