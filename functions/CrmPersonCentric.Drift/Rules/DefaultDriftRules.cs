using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;

namespace CrmPersonCentric.Drift.Rules;

/// <summary>The rules the product ships with (an embedded JSON file, the same format ops admins edit).</summary>
public static class DefaultDriftRules
{
    private static readonly Lazy<ImmutableArray<DriftRule>> Rules = new(Load);

    /// <summary>The shipped rules.</summary>
    public static ImmutableArray<DriftRule> All => Rules.Value;

    /// <summary>Reads rules from their JSON form and validates them.</summary>
    /// <exception cref="Model.ModelValidationException">A rule is invalid or the JSON has the wrong shape.</exception>
    public static ImmutableArray<DriftRule> FromJson(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        List<DriftRule>? rules;
        try
        {
            rules = JsonSerializer.Deserialize(json, DriftJsonContext.Default.ListDriftRule);
        }
        catch (JsonException ex)
        {
            throw new Model.ModelValidationException(
                ex.Path is { Length: > 0 } path ? "rules " + path : "rules",
                "is not valid: " + ex.Message.Split(" Path:", 2)[0]);
        }

        if (rules is null)
        {
            throw new Model.ModelValidationException("rules", "must be a JSON array of rules");
        }

        var result = rules.ToImmutableArray();
        var errors = DriftRuleValidator.Validate(result);
        return errors.IsEmpty ? result : throw new Model.ModelValidationException(errors);
    }

    private static ImmutableArray<DriftRule> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CrmPersonCentric.Drift.Rules.default-rules.json")
            ?? throw new InvalidOperationException("The default rules resource is missing from the assembly.");
        return FromJson(stream);
    }
}
