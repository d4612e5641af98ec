using System.Collections.Immutable;
using System.Reflection;

namespace CrmPersonCentric.Drift.Rules;

/// <summary>The rules the product ships with (an embedded JSON file, the same format ops admins edit).</summary>
public static class DefaultDriftRules
{
    private static readonly Lazy<ImmutableArray<DriftRule>> Rules = new(Load);

    /// <summary>The shipped rules.</summary>
    public static ImmutableArray<DriftRule> All => Rules.Value;

    /// <summary>Reads rules from their JSON form and validates them (<see cref="DriftRulesJson.Read"/>).</summary>
    /// <exception cref="Model.ModelValidationException">A rule is invalid or the JSON has the wrong shape; every problem is listed.</exception>
    public static ImmutableArray<DriftRule> FromJson(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var reader = new StreamReader(json);
        return DriftRulesJson.Read(reader.ReadToEnd());
    }

    /// <summary>
    /// Lays a rules file over the rules beneath it (the shipped ones, or a data directory's over those): a rule with
    /// the id of one beneath replaces it, a rule with a new id is added. A rule is switched off by listing its id with
    /// <c>"enabled": false</c>; leaving it out of the file keeps it.
    /// </summary>
    public static RuleLayering Overlay(ImmutableArray<DriftRule> beneath, ImmutableArray<DriftRule> file)
    {
        var byId = file.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var merged = beneath.Select(r => byId.GetValueOrDefault(r.Id) ?? r).Concat(file.Where(r => !beneath.Any(b => b.Id == r.Id))).ToImmutableArray();
        return new RuleLayering(
            merged,
            [.. file.Where(r => beneath.Any(b => b.Id == r.Id)).Select(r => r.Id)],
            [.. file.Where(r => !beneath.Any(b => b.Id == r.Id)).Select(r => r.Id)]);
    }

    private static ImmutableArray<DriftRule> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CrmPersonCentric.Drift.Rules.default-rules.json")
            ?? throw new InvalidOperationException("The default rules resource is missing from the assembly.");
        return FromJson(stream);
    }
}
