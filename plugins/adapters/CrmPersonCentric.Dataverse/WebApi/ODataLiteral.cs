using System.Globalization;

namespace CrmPersonCentric.Dataverse.WebApi;

/// <summary>
/// Formats values as OData v4 literals for <c>$filter</c> and key segments. Strings are quoted with embedded quotes
/// doubled, so a value such as <c>O'Brien</c> can neither break a query nor inject into it.
/// </summary>
public static class ODataLiteral
{
    /// <summary>The literal of a value.</summary>
    /// <exception cref="ArgumentException">The type has no OData literal form here.</exception>
    public static string Format(object? value) => value switch
    {
        null => "null",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        Guid g => g.ToString("D", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        int or long or short or byte => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        double d when double.IsFinite(d) => d.ToString("R", CultureInfo.InvariantCulture),
        float f when float.IsFinite(f) => f.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        DateTime t => new DateTimeOffset(t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        Enum e => Convert.ToInt64(e, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"A {value.GetType().Name} has no OData literal form.", nameof(value)),
    };

    /// <summary>
    /// Builds a filter from an interpolated string whose holes are values: <c>Filter($"fullname eq {name}")</c>.
    /// Every hole is formatted as a literal, a column name in a hole too (quoted: an error Dataverse answers with 400), so
    /// column names belong in the text around the holes, which is taken as written.
    /// </summary>
    public static string Filter(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var arguments = filter.GetArguments().Select(Format).ToArray<object?>();
        return string.Format(CultureInfo.InvariantCulture, filter.Format, arguments);
    }

    /// <summary>The key segment of a row addressed by an alternate key: <c>cpc_driftfindings(cpc_key='…')</c>.</summary>
    public static string AlternateKeyPath(string entitySet, IReadOnlyDictionary<string, object> alternateKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entitySet);
        ArgumentNullException.ThrowIfNull(alternateKey);
        if (alternateKey.Count == 0)
        {
            throw new ArgumentException("An alternate key needs at least one column.", nameof(alternateKey));
        }

        var key = string.Join(',', alternateKey.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => k.Key + "=" + Uri.EscapeDataString(Format(k.Value))));
        return $"{entitySet}({key})";
    }
}
