using System.Text.Json;
using CrmPersonCentric.Model.Signals;
using CrmPersonCentric.Import;

namespace CrmPersonCentric.Functions.Http;

/// <summary>
/// The body of POST /api/signals: a JSON array of signals (or {"signals": [...]}) or CSV with a header line naming the
/// columns signalId, contactId, type, occurredOn (required), theme, layer, source, relatedContactId (any case). Each record becomes
/// a <see cref="SignalInput"/> for the one validator; a record that is not a JSON object is an empty input (rejected
/// field by field, not the whole request).
/// </summary>
public static class SignalBody
{
    /// <summary>The records of a body.</summary>
    /// <exception cref="FormatException">The body is not JSON (or CSV) of signals; the message says why.</exception>
    public static IReadOnlyList<SignalInput> Read(string body, bool isCsv)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return isCsv ? ReadCsv(body) : ReadJson(body);
        }
        catch (JsonException ex)
        {
            throw new FormatException("The body is not a JSON array of signals: " + ex.Message.Split(Environment.NewLine)[0], ex);
        }
    }

    private static List<SignalInput> ReadJson(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var array = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("signals", out var inner) ? inner : root;
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("expected an array of signals (or {\"signals\": [...]})");
        }

        return [.. array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Object ? FromJson(e) : new SignalInput(null, null, null, null))];
    }

    // Property names as the API documents them, in any case; numbers (a layer) are taken as their text.
    private static SignalInput FromJson(JsonElement record)
    {
        var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in record.EnumerateObject())
        {
            fields[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.GetRawText(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => throw new JsonException($"{property.Name} must be a string or a number"),
            };
        }

        string? Field(string name) => fields.GetValueOrDefault(name);
        return new SignalInput(Field("signalId"), Field("contactId"), Field("type"), Field("occurredOn"), Field("theme"), Field("layer"), Field("source"), Field("relatedContactId"));
    }

    // The one signal CSV reader (a data directory's signals.csv is read by it too). The request is all or nothing as
    // CSV: a problem of the CSV itself (a header, a quote out of place) makes the body unreadable, values never quoted.
    private static List<SignalInput> ReadCsv(string body)
    {
        var problems = new List<ImportError>();
        var records = SignalsCsv.Read(new StringReader(body), "the body", problems.Add).Select(r => r.Input).ToList();
        return problems.Count == 0
            ? records
            : throw new FormatException("The body is not CSV of signals: " + string.Join("; ", problems.Take(3)) + (problems.Count > 3 ? $" (and {problems.Count - 3} more)" : string.Empty));
    }
}
