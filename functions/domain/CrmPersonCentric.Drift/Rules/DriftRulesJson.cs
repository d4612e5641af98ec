using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using CrmPersonCentric.Model;
using F23.StringSimilarity;

namespace CrmPersonCentric.Drift.Rules;

/// <summary>
/// Reads a rules file the way an ops admin edits it, strictly: a field that is not a rule field (a typo such as
/// <c>threshhold</c>), a value of the wrong type, a metric, severity or dimension that does not exist and a required
/// field left out are each reported, for every rule of the file at once, naming the rule, the field and what is allowed;
/// then the rules are validated (<see cref="DriftRuleValidator"/>). Nothing is silently ignored.
/// </summary>
public static class DriftRulesJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 };

    // Indented, and without the \u0027-style escapes the default encoder writes for apostrophes and dashes: the file
    // is read by people, and written to a file, never into HTML.
    private static readonly DriftJsonContext Writing = new(new JsonSerializerOptions(DriftJsonContext.Default.Options)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private static readonly string[] Required = ["id", "metric", "threshold", "minimumSample", "windowDays", "severity"];

    private static readonly Dictionary<string, JsonValueKind[]> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = [JsonValueKind.String],
        ["name"] = [JsonValueKind.String, JsonValueKind.Null],
        ["metric"] = [JsonValueKind.String],
        ["dimension"] = [JsonValueKind.String, JsonValueKind.Null],
        ["threshold"] = [JsonValueKind.Number],
        ["criticalThreshold"] = [JsonValueKind.Number, JsonValueKind.Null],
        ["minimumSample"] = [JsonValueKind.Number],
        ["windowDays"] = [JsonValueKind.Number],
        ["severity"] = [JsonValueKind.String],
        ["personaId"] = [JsonValueKind.String, JsonValueKind.Null],
        ["enabled"] = [JsonValueKind.True, JsonValueKind.False],
        ["falseDiscoveryRate"] = [JsonValueKind.Number],
        ["parameter"] = [JsonValueKind.Number, JsonValueKind.Null],
    };

    /// <summary>Reads and validates the rules of a file's text.</summary>
    /// <exception cref="ModelValidationException">Every problem found, each naming the rule and the field.</exception>
    public static ImmutableArray<DriftRule> Read(string json)
    {
        var (rules, errors) = ReadAll(json);
        return errors.IsEmpty ? rules : throw new ModelValidationException(errors);
    }

    /// <summary>
    /// Reads the rules of a file's text: every problem found, and the rules that have none of their own (so that
    /// checks needing more than the file, such as a persona scope, can report on them in the same run).
    /// </summary>
    public static (ImmutableArray<DriftRule> Rules, ImmutableArray<ValidationError> Errors) ReadAll(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            var (line, _, message) = JsonProblems.Describe(ex);
            return ([], [new ValidationError(line is { } l ? string.Create(CultureInfo.InvariantCulture, $"rules, line {l}") : "rules", message)]);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return ([], [new ValidationError("rules", "must be a JSON array of rules ([ { \"id\": ..., \"metric\": ... }, ... ])")]);
            }

            var errors = ImmutableArray.CreateBuilder<ValidationError>();
            var rules = ImmutableArray.CreateBuilder<DriftRule>();
            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                index++;
                var found = Check(element, index);
                if (found.Count > 0)
                {
                    errors.AddRange(found);
                    continue;
                }

                var rule = element.Deserialize(DriftJsonContext.Default.DriftRule)!;
                var invalid = DriftRuleValidator.Validate(rule);
                errors.AddRange(invalid);
                if (invalid.IsEmpty)
                {
                    rules.Add(rule);
                }
            }

            foreach (var duplicate in rules.GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                errors.Add(new ValidationError($"rule {Echo.Quote(duplicate.Key)} id", "is used by more than one rule"));
            }

            return (rules.ToImmutable(), errors.ToImmutable());
        }
    }

    /// <summary>The rules as a file an ops admin starts from: every field of each rule, plain text (no \u escapes).</summary>
    public static string Write(IEnumerable<DriftRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return JsonSerializer.Serialize(rules.ToList(), Writing.ListDriftRule) + Environment.NewLine;
    }

    private static List<ValidationError> Check(JsonElement element, int index)
    {
        var errors = new List<ValidationError>();
        var name = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 } text
            ? Echo.Quote(text)
            : string.Create(CultureInfo.InvariantCulture, $"#{index}");
        void Fail(string field, string message) => errors.Add(new ValidationError($"rule {name} {field}", message));

        if (element.ValueKind != JsonValueKind.Object)
        {
            Fail("(the rule)", "must be an object { \"id\": ..., \"metric\": ..., ... }");
            return errors;
        }

        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            if (!Fields.TryGetValue(property.Name, out var kinds))
            {
                Fail(Echo.Quote(property.Name), "is not a rule field" + ClosestHint(property.Name, Fields.Keys));
                continue;
            }

            var field = Fields.Keys.First(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase));
            if (!present.Add(field))
            {
                Fail(field, "appears twice in the rule");
                continue;
            }

            if (!kinds.Contains(property.Value.ValueKind))
            {
                Fail(field, "has the wrong type: expected " + Describe(kinds));
                continue;
            }

            var value = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
            switch (field)
            {
                case "metric" when !IsName<DriftMetric>(value):
                    Fail(field, Echo.Quote(value) + " is not a metric; use one of " + Echo.NamesOf<DriftMetric>());
                    break;
                case "severity" when !IsName<Severity>(value):
                    Fail(field, Echo.Quote(value) + " is not a severity; use one of " + Echo.NamesOf<Severity>());
                    break;
                case "dimension" when value is not null && !IsName<TraitDimension>(value):
                    Fail(field, Echo.Quote(value) + " is not a dimension; use one of " + Echo.NamesOf<TraitDimension>() + ", or leave it out for every dimension");
                    break;
                case "minimumSample" or "windowDays" when !property.Value.TryGetInt32(out _):
                    Fail(field, "must be a whole number");
                    break;
            }
        }

        foreach (var missing in Required.Where(r => !present.Contains(r)))
        {
            Fail(missing, "is required");
        }

        return errors;
    }

    private static bool IsName<TEnum>(string? value)
        where TEnum : struct, Enum =>
        value is not null && Enum.GetNames<TEnum>().Any(n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase));

    private static string Describe(JsonValueKind[] kinds) => kinds[0] switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.True => "true or false",
        _ => "text in quotes",
    };

    /// <summary>" (did you mean 'x'?)" for the closest known name, when one is close enough to be the intended one; else empty.</summary>
    public static string ClosestHint(string typed, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(known);
        var distance = new NormalizedLevenshtein();
        var best = known.Select(k => (Name: k, Distance: distance.Distance(typed.ToLowerInvariant(), k.ToLowerInvariant())))
            .OrderBy(k => k.Distance).ThenBy(k => k.Name, StringComparer.Ordinal).FirstOrDefault();
        return best.Name is not null && best.Distance <= 0.4 ? $" (did you mean {Echo.Quote(best.Name)}?)" : string.Empty;
    }
}
