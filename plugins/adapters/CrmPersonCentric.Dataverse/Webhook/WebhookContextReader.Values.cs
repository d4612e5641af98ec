using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CrmPersonCentric.Dataverse.Webhook;

public static partial class WebhookContextReader
{
    [GeneratedRegex(@"^/Date\((-?\d+)([+-]\d{4})?\)/$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex DataContractDate();

    private static object? ParseValue(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString() is { } s && s.StartsWith("/Date(", StringComparison.Ordinal) ? ParseDate(s, path) : value.GetString(),
        JsonValueKind.Number => value.TryGetInt64(out var l) ? l : value.TryGetDecimal(out var d) ? d : value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => ParseArray(value, path),
        JsonValueKind.Object => ParseObject(value, path),
        _ => throw new WebhookPayloadException($"{path}: unexpected JSON {Describe(value.ValueKind)}."),
    };

    private static object ParseArray(JsonElement array, string path)
    {
        var items = array.EnumerateArray().Select((item, i) => ParseValue(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"))).ToList();
        if (items.Count > 0 && items.All(i => i is OptionSetValue))
        {
            return items.Cast<OptionSetValue>().ToImmutableArray();
        }

        if (items.Count > 0 && items.All(i => i is DataverseEntity))
        {
            return items.Cast<DataverseEntity>().ToImmutableArray();
        }

        return items.ToImmutableArray();
    }

    private static object? ParseObject(JsonElement value, string path)
    {
        var type = TypeName(value);
        switch (type)
        {
            case "Entity":
                return ReadEntity(value, path);
            case "EntityReference":
                return ReadReference(value, path);
            case "OptionSetValue":
                return new OptionSetValue(RequiredInt(value, "Value", path));
            case "Money":
                return new Money(RequiredDecimal(value, "Value", path));
            case "EntityCollection":
                return value.TryGetProperty("Entities", out var entities) && entities.ValueKind == JsonValueKind.Array
                    ? [.. entities.EnumerateArray().Select((e, i) => ReadEntity(e, string.Create(CultureInfo.InvariantCulture, $"{path}.Entities[{i}]")))]
                    : ImmutableArray<DataverseEntity>.Empty;
            case "OptionSetValueCollection":
                return value.TryGetProperty("Values", out var values) ? ParseArray(values, path + ".Values") : ImmutableArray<OptionSetValue>.Empty;
            case null when value.TryGetProperty("Attributes", out _) && value.TryGetProperty("LogicalName", out _):
                return ReadEntity(value, path);
            case null when value.TryGetProperty("LogicalName", out _) && value.TryGetProperty("Id", out _):
                return ReadReference(value, path);
            case null when value.TryGetProperty("Value", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out _) && CountProperties(value) == 1:
                return new OptionSetValue(v.GetInt32());
            default:
                var builder = ImmutableDictionary.CreateBuilder<string, object?>(StringComparer.Ordinal);
                foreach (var property in value.EnumerateObject())
                {
                    builder[property.Name] = ParseValue(property.Value, path + "." + property.Name);
                }

                return builder.ToImmutable();
        }
    }

    private static DataverseEntity ReadEntity(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new WebhookPayloadException($"{path}: an entity must be an object, found a {Describe(value.ValueKind)}.");
        }

        var attributes = ImmutableDictionary.CreateBuilder<string, object?>(StringComparer.Ordinal);
        if (value.TryGetProperty("Attributes", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            foreach (var (key, item, itemPath) in KeyValues(list, path + ".Attributes"))
            {
                attributes[key] = ParseValue(item, itemPath);
            }
        }

        var formatted = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (value.TryGetProperty("FormattedValues", out var formattedList) && formattedList.ValueKind != JsonValueKind.Null)
        {
            foreach (var (key, item, _) in KeyValues(formattedList, path + ".FormattedValues"))
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    formatted[key] = item.GetString()!;
                }
            }
        }

        return new DataverseEntity(
            OptionalString(value, "LogicalName") ?? string.Empty,
            OptionalGuid(value, "Id", path + ".Id") ?? Guid.Empty,
            attributes.ToImmutable(),
            formatted.ToImmutable(),
            value.TryGetProperty("RowVersion", out var version) ? version.ValueKind switch
            {
                JsonValueKind.String => version.GetString(),
                JsonValueKind.Number => version.GetRawText(),
                _ => null,
            } : null);
    }

    private static EntityReference ReadReference(JsonElement value, string path) => new(
        OptionalString(value, "LogicalName") ?? throw new WebhookPayloadException($"{path}.LogicalName is missing."),
        OptionalGuid(value, "Id", path + ".Id") ?? throw new WebhookPayloadException($"{path}.Id is missing."),
        OptionalString(value, "Name"));

    /// <summary>The part of __type before ':' ("Entity:http://schemas..." → "Entity"), slashes escaped or not.</summary>
    private static string? TypeName(JsonElement value)
    {
        if (!value.TryGetProperty("__type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var text = type.GetString()!;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? text : text[..colon];
    }

    private static DateTimeOffset ParseDate(string text, string path)
    {
        var match = DataContractDate().Match(text);
        if (match.Success && long.TryParse(match.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)
            && ms is > -62135596800000 and < 253402300800000)
        {
            // The instant is the UTC milliseconds; the optional offset only says which local time the sender used.
            var instant = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            if (match.Groups[2].Success)
            {
                var offset = match.Groups[2].Value;
                var sign = offset[0] == '-' ? -1 : 1;
                var span = new TimeSpan(int.Parse(offset.AsSpan(1, 2), CultureInfo.InvariantCulture), int.Parse(offset.AsSpan(3, 2), CultureInfo.InvariantCulture), 0);
                if (span <= TimeSpan.FromHours(14))
                {
                    return instant.ToOffset(sign * span);
                }
            }

            return instant;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        throw new WebhookPayloadException($"{path}: not a date in /Date(ms±hhmm)/ or ISO 8601 form.");
    }

    private static string RequiredString(JsonElement root, string name) =>
        OptionalString(root, name) is { Length: > 0 } value ? value : throw new WebhookPayloadException($"{name} is missing or empty.");

    private static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? OptionalInt(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw new WebhookPayloadException($"{name} must be a whole number, found a {Describe(value.ValueKind)}.");
    }

    private static Guid? OptionalGuid(JsonElement root, string name, string path)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id)
            ? id
            : throw new WebhookPayloadException($"{path} must be a GUID string.");
    }

    private static int RequiredInt(JsonElement value, string name, string path) =>
        value.TryGetProperty(name, out var number) && number.ValueKind == JsonValueKind.Number && number.TryGetInt32(out var result)
            ? result
            : throw new WebhookPayloadException($"{path}.{name} must be a whole number.");

    private static decimal RequiredDecimal(JsonElement value, string name, string path) =>
        value.TryGetProperty(name, out var number) && number.ValueKind == JsonValueKind.Number && number.TryGetDecimal(out var result)
            ? result
            : throw new WebhookPayloadException($"{path}.{name} must be a number.");

    private static int CountProperties(JsonElement value) => value.EnumerateObject().Count();

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
