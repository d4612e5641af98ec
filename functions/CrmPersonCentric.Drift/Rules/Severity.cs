namespace CrmPersonCentric.Drift.Rules;

/// <summary>How urgent a finding is.</summary>
public enum Severity
{
    /// <summary>Worth knowing.</summary>
    Info = 0,

    /// <summary>Worth acting on this cycle.</summary>
    Warning = 1,

    /// <summary>The persona misleads whoever uses it.</summary>
    Critical = 2,
}
