using System.Collections.Immutable;
using System.Globalization;

namespace CrmPersonCentric.Dataverse.Webhook;

/// <summary>A row as carried in a webhook payload: typed attribute values and formatted values.</summary>
/// <param name="LogicalName">The table.</param>
/// <param name="Id">The row id (empty when the payload had none).</param>
/// <param name="Attributes">Values: string, long, double, decimal, bool, DateTimeOffset, Guid, <see cref="EntityReference"/>,
/// <see cref="OptionSetValue"/>, ImmutableArray&lt;OptionSetValue&gt; (multi-select), <see cref="Money"/>,
/// ImmutableArray&lt;DataverseEntity&gt; (EntityCollection), or null.</param>
/// <param name="FormattedValues">Display text of values, by column.</param>
/// <param name="RowVersion">The row version, when sent.</param>
public sealed record DataverseEntity(
    string LogicalName,
    Guid Id,
    ImmutableDictionary<string, object?> Attributes,
    ImmutableDictionary<string, string> FormattedValues,
    string? RowVersion)
{
    /// <summary>True when the column is present (even with a null value).</summary>
    public bool Contains(string column) => Attributes.ContainsKey(column);

    /// <summary>The value of a column as T, or default when absent, null or of another type.</summary>
    public T? Get<T>(string column) => Attributes.TryGetValue(column, out var value) && value is T typed ? typed : default;

    /// <summary>A text column.</summary>
    public string? GetString(string column) => Get<string>(column);

    /// <summary>A decimal or floating column, whatever numeric form the payload used.</summary>
    public decimal? GetDecimal(string column) => Attributes.GetValueOrDefault(column) switch
    {
        decimal d => d,
        double d when double.IsFinite(d) => (decimal)d,
        long l => l,
        Money m => m.Value,
        string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    /// <summary>A whole-number column.</summary>
    public long? GetInteger(string column) => Attributes.GetValueOrDefault(column) switch
    {
        long l => l,
        double d when double.IsFinite(d) && Math.Floor(d) == d => (long)d,
        decimal d when decimal.Floor(d) == d => (long)d,
        _ => null,
    };

    /// <summary>A choice column's number.</summary>
    public int? GetOption(string column) => Attributes.GetValueOrDefault(column) switch
    {
        OptionSetValue o => o.Value,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        _ => null,
    };

    /// <summary>A multi-select choice column's numbers (empty when absent).</summary>
    public ImmutableArray<int> GetOptions(string column) => Attributes.GetValueOrDefault(column) switch
    {
        ImmutableArray<OptionSetValue> values => [.. values.Select(v => v.Value)],
        OptionSetValue single => [single.Value],
        string s => [.. s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => int.TryParse(v, CultureInfo.InvariantCulture, out var n) ? n : (int?)null).OfType<int>()],
        _ => [],
    };

    /// <summary>A lookup column.</summary>
    public EntityReference? GetReference(string column) => Get<EntityReference>(column);

    /// <summary>A date column.</summary>
    public DateTimeOffset? GetDate(string column) => Attributes.GetValueOrDefault(column) switch
    {
        DateTimeOffset d => d,
        string s when DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) => d,
        _ => null,
    };

    /// <summary>A copy with the other row's attributes laid over this one's.</summary>
    public DataverseEntity Merge(DataverseEntity? other) => other is null
        ? this
        : this with
        {
            Attributes = Attributes.SetItems(other.Attributes),
            FormattedValues = FormattedValues.SetItems(other.FormattedValues),
            RowVersion = other.RowVersion ?? RowVersion,
        };
}
