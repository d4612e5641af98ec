using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Import;

/// <summary>How a data directory is read.</summary>
public sealed record ImportOptions
{
    /// <summary>A rules file laid over the directory's rules (and those over the shipped rules), by rule id; null: none.</summary>
    public string? RulesFile { get; init; }

    /// <summary>
    /// Refuse the data when a contact is tagged with a persona id personas.json does not hold (default: leave such
    /// contacts and their signals out, count them and go on).
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>The clock a signal's time is checked against (a signal more than a day in the future is refused).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Limits on traits per person (length, count).</summary>
    public TraitLimits Limits { get; init; } = TraitLimits.Default;
}
