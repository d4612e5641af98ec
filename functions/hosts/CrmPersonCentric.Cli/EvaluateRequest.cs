namespace CrmPersonCentric.Cli;

/// <summary>What `cpc evaluate` was asked to do.</summary>
/// <param name="DataDirectory">The data directory to read.</param>
/// <param name="OutputDirectory">Where findings, suggestions, reports and history go.</param>
/// <param name="AsOf">The as-of date; null takes the export date, or now.</param>
/// <param name="RulesFile">A rules file laid over the directory's rules and the shipped ones, by rule id.</param>
/// <param name="Strict">Refuse contacts tagged with a persona id personas.json does not hold instead of leaving them out.</param>
public sealed record EvaluateRequest(string? DataDirectory, string OutputDirectory, DateTimeOffset? AsOf = null, string? RulesFile = null, bool Strict = false)
{
    /// <summary>The Dataverse environment URL the reports link to, if any.</summary>
    public string? EnvironmentUrl { get; init; }

    /// <summary>The Persona Studio app id the reports' links open in, if any.</summary>
    public Guid? AppId { get; init; }

    /// <summary>
    /// A lake export of Dataverse (Delta tables or CSV with model.json) to read personas, contacts and signals from;
    /// <see cref="DataDirectory"/> is then an optional settings directory (taxonomy, themes, rules, export facts).
    /// </summary>
    public string? LakeDirectory { get; init; }
}
