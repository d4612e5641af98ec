using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmPersonCentric.Dataverse.Mapping;

/// <summary>
/// A Web API row as an <see cref="IRowSource"/>: lookups come as <c>_column_value</c>, multi-select choices as
/// "1,2", formatted values as <c>column@OData.Community.Display.V1.FormattedValue</c>.
/// </summary>
/// <param name="row">The row.</param>
public sealed class JsonRow(JsonObject row) : IRowSource
{
    private const string FormattedSuffix = "@OData.Community.Display.V1.FormattedValue";

    /// <summary>The row.</summary>
    public JsonObject Row { get; } = row ?? throw new ArgumentNullException(nameof(row));

    /// <inheritdoc />
    public string? ETag => Text("@odata.etag");

    /// <inheritdoc />
    public bool Has(string column) => Row.ContainsKey(column) || Row.ContainsKey("_" + column + "_value");

    /// <inheritdoc />
    public string? GetString(string column) => Text(column);

    /// <inheritdoc />
    public decimal? GetDecimal(string column) => Row[column] is JsonValue v
        ? v.TryGetValue<decimal>(out var d) ? d
        : v.TryGetValue<double>(out var f) && double.IsFinite(f) ? (decimal)f
        : v.TryGetValue<string>(out var s) && decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null
        : null;

    /// <inheritdoc />
    public long? GetInteger(string column) => Row[column] is JsonValue v && v.TryGetValue<long>(out var l) ? l : null;

    /// <inheritdoc />
    public bool? GetBoolean(string column) => Row[column] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    /// <inheritdoc />
    public int? GetOption(string column) => Row[column] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    /// <inheritdoc />
    public ImmutableArray<int> GetOptions(string column) => Text(column) is { } text
        ? [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : (int?)null).OfType<int>()]
        : [];

    /// <inheritdoc />
    public Guid? GetLookupId(string column) =>
        Guid.TryParse(Text("_" + column + "_value") ?? Text(column), out var id) ? id : null;

    /// <inheritdoc />
    public string? GetFormatted(string column) => Text(column + FormattedSuffix) ?? Text("_" + column + "_value" + FormattedSuffix);

    /// <inheritdoc />
    public DateTimeOffset? GetDate(string column) =>
        Row[column] is JsonValue value && value.TryGetValue<DateTimeOffset>(out var typed) ? typed
        : Text(column) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;

    private string? Text(string column) => Row[column] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.TryGetValue<string>(out var text) ? text : null;
}
