using System.Collections.Immutable;

namespace CrmPersonCentric.Dataverse.Mapping;

/// <summary>Typed access to a row's columns, whether it came from the Web API or a webhook payload.</summary>
public interface IRowSource
{
    /// <summary>The row's ETag (Web API) or row version (webhook), when known.</summary>
    string? ETag { get; }

    /// <summary>True when the column is present.</summary>
    bool Has(string column);

    /// <summary>A text column.</summary>
    string? GetString(string column);

    /// <summary>A decimal, float, money or whole-number column.</summary>
    decimal? GetDecimal(string column);

    /// <summary>A whole-number column.</summary>
    long? GetInteger(string column);

    /// <summary>A yes/no column.</summary>
    bool? GetBoolean(string column);

    /// <summary>A choice column's value.</summary>
    int? GetOption(string column);

    /// <summary>A multi-select choice column's values.</summary>
    ImmutableArray<int> GetOptions(string column);

    /// <summary>A lookup column's row id.</summary>
    Guid? GetLookupId(string column);

    /// <summary>The formatted value of a column (display text of a choice or lookup).</summary>
    string? GetFormatted(string column);

    /// <summary>A date column.</summary>
    DateTimeOffset? GetDate(string column);
}
