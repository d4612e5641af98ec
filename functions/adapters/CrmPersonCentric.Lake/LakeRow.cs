using System.Collections.Immutable;
using System.Globalization;
using CrmPersonCentric.Dataverse.Mapping;

namespace CrmPersonCentric.Lake;

/// <summary>
/// One row of an exported table as the Dataverse mappers read rows (<see cref="IRowSource"/>), so a contact or a persona
/// from the lake becomes a profile or a definition by the same code as one from the Web API. A lake holds values, not
/// the Web API's shapes: a lookup is its column holding the row id, a choice its number (Parquet typed, CSV text),
/// a multi-select choice its numbers separated by ';' or ','; formatted values exist only where the reader joined them
/// in (<paramref name="formatted"/>: column → column holding the label).
/// </summary>
internal sealed class LakeRow(IReadOnlyDictionary<string, object?> values, IReadOnlyDictionary<string, string>? formatted = null) : IRowSource
{
    /// <inheritdoc />
    public string? ETag => Text("versionnumber");

    /// <inheritdoc />
    public bool Has(string column) => values.ContainsKey(column);

    /// <inheritdoc />
    public string? GetString(string column) => Text(column);

    /// <inheritdoc />
    public decimal? GetDecimal(string column) => Value(column) switch
    {
        null => null,
        decimal d => d,
        double d => (decimal)d,
        float f => (decimal)f,
        long l => l,
        int i => i,
        var other => decimal.TryParse(Convert.ToString(other, CultureInfo.InvariantCulture), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
    };

    /// <inheritdoc />
    public long? GetInteger(string column) => GetDecimal(column) is { } d ? (long)Math.Truncate(d) : null;

    /// <inheritdoc />
    public bool? GetBoolean(string column) => Value(column) switch
    {
        null => null,
        bool b => b,
        long l => l != 0,
        int i => i != 0,
        var other => Convert.ToString(other, CultureInfo.InvariantCulture) switch
        {
            "1" => true,
            "0" => false,
            var text => bool.TryParse(text, out var b) ? b : null,
        },
    };

    /// <inheritdoc />
    public int? GetOption(string column) => GetInteger(column) is { } n and >= int.MinValue and <= int.MaxValue ? (int)n : null;

    /// <inheritdoc />
    public ImmutableArray<int> GetOptions(string column) => Text(column) is { } text ? Options(text) : [];

    /// <summary>A multi-select choice's numbers from the lake's text (separated by ';' or ','; anything else ignored).</summary>
    public static ImmutableArray<int> Options(string text) =>
        [.. text.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : (int?)null).OfType<int>()];

    /// <inheritdoc />
    public Guid? GetLookupId(string column) => Value(column) switch
    {
        Guid g => g,
        var other when other is not null && Guid.TryParse(Convert.ToString(other, CultureInfo.InvariantCulture), out var id) => id,
        _ => null,
    };

    /// <inheritdoc />
    public string? GetFormatted(string column) => formatted is not null && formatted.TryGetValue(column, out var label) ? Text(label) : null;

    /// <inheritdoc />
    public DateTimeOffset? GetDate(string column) => Value(column) switch
    {
        null => null,
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        var other => DateTimeOffset.TryParse(Convert.ToString(other, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null,
    };

    private object? Value(string column) => values.TryGetValue(column, out var value) && value is not DBNull ? value : null;

    private string? Text(string column) => Value(column) switch
    {
        null => null,
        string s => s.Length == 0 ? null : s,
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        var other => Convert.ToString(other, CultureInfo.InvariantCulture),
    };
}
