namespace CrmPersonCentric.Drift.Rules;

/// <summary>How urgent a finding is.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Model.CamelCaseEnumConverter<Severity>))]
public enum Severity
{
    /// <summary>Worth knowing.</summary>
    Info = 0,

    /// <summary>Worth acting on this cycle.</summary>
    Warning = 1,

    /// <summary>The persona misleads whoever uses it.</summary>
    Critical = 2,
}
