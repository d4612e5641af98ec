using System.Collections.Immutable;

namespace CrmPersonCentric.Dataverse.Mapping;

/// <summary>
/// A change laid over the row it changes: each column comes from <paramref name="change"/> when the change carries it
/// (even as null: the column was cleared), else from <paramref name="stored"/>. What a pre image merged with the Target
/// gives, for a row read back through the Web API instead.
/// </summary>
/// <param name="change">The columns the operation sets (an Update's Target).</param>
/// <param name="stored">The row as stored before the operation.</param>
public sealed class LayeredRow(IRowSource change, IRowSource stored) : IRowSource
{
    private readonly IRowSource _change = change ?? throw new ArgumentNullException(nameof(change));
    private readonly IRowSource _stored = stored ?? throw new ArgumentNullException(nameof(stored));

    /// <inheritdoc />
    public string? ETag => _change.ETag ?? _stored.ETag;

    /// <inheritdoc />
    public bool Has(string column) => _change.Has(column) || _stored.Has(column);

    /// <inheritdoc />
    public string? GetString(string column) => From(column).GetString(column);

    /// <inheritdoc />
    public decimal? GetDecimal(string column) => From(column).GetDecimal(column);

    /// <inheritdoc />
    public long? GetInteger(string column) => From(column).GetInteger(column);

    /// <inheritdoc />
    public bool? GetBoolean(string column) => From(column).GetBoolean(column);

    /// <inheritdoc />
    public int? GetOption(string column) => From(column).GetOption(column);

    /// <inheritdoc />
    public ImmutableArray<int> GetOptions(string column) => From(column).GetOptions(column);

    /// <inheritdoc />
    public Guid? GetLookupId(string column) => From(column).GetLookupId(column);

    /// <inheritdoc />
    public string? GetFormatted(string column) => From(column).GetFormatted(column);

    /// <inheritdoc />
    public DateTimeOffset? GetDate(string column) => From(column).GetDate(column);

    private IRowSource From(string column) => _change.Has(column) ? _change : _stored;
}
