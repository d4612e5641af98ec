using System.Collections.Immutable;
using CrmPersonCentric.Dataverse.Webhook;

namespace CrmPersonCentric.Dataverse.Mapping;

/// <summary>A webhook payload row as an <see cref="IRowSource"/>.</summary>
/// <param name="entity">The row.</param>
public sealed class EntityRow(DataverseEntity entity) : IRowSource
{
    /// <summary>The row.</summary>
    public DataverseEntity Entity { get; } = entity ?? throw new ArgumentNullException(nameof(entity));

    /// <inheritdoc />
    public string? ETag => Entity.RowVersion;

    /// <inheritdoc />
    public bool Has(string column) => Entity.Contains(column);

    /// <inheritdoc />
    public string? GetString(string column) => Entity.GetString(column);

    /// <inheritdoc />
    public decimal? GetDecimal(string column) => Entity.GetDecimal(column);

    /// <inheritdoc />
    public long? GetInteger(string column) => Entity.GetInteger(column);

    /// <inheritdoc />
    public bool? GetBoolean(string column) => Entity.Attributes.GetValueOrDefault(column) as bool?;

    /// <inheritdoc />
    public int? GetOption(string column) => Entity.GetOption(column);

    /// <inheritdoc />
    public ImmutableArray<int> GetOptions(string column) => Entity.GetOptions(column);

    /// <inheritdoc />
    public Guid? GetLookupId(string column) => Entity.GetReference(column)?.Id
        ?? (Guid.TryParse(Entity.GetString(column), out var id) ? id : null);

    /// <inheritdoc />
    public string? GetFormatted(string column) => Entity.FormattedValues.GetValueOrDefault(column) ?? Entity.GetReference(column)?.Name;

    /// <inheritdoc />
    public DateTimeOffset? GetDate(string column) => Entity.GetDate(column);
}
