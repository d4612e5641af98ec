using System.Text;

namespace CrmPersonCentric.Dataverse.WebApi;

/// <summary>A query of an entity set. Build <see cref="Filter"/> with <see cref="ODataLiteral.Filter"/>.</summary>
public sealed record ODataQuery
{
    /// <summary>Columns to return ($select).</summary>
    public IReadOnlyList<string> Select { get; init; } = [];

    /// <summary>The filter ($filter), already formatted with escaped literals.</summary>
    public string? Filter { get; init; }

    /// <summary>Navigation properties to expand ($expand).</summary>
    public string? Expand { get; init; }

    /// <summary>Ordering ($orderby).</summary>
    public string? OrderBy { get; init; }

    /// <summary>Maximum rows ($top).</summary>
    public int? Top { get; init; }

    /// <summary>Rows per page; null takes the client's configured page size.</summary>
    public int? PageSize { get; init; }

    /// <summary>Ask for formatted values and other annotations.</summary>
    public bool IncludeAnnotations { get; init; }

    /// <summary>The query string, starting with '?' (empty when there is nothing to ask).</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        if (Select.Count > 0)
        {
            parts.Add("$select=" + string.Join(',', Select));
        }

        if (!string.IsNullOrWhiteSpace(Filter))
        {
            parts.Add("$filter=" + Uri.EscapeDataString(Filter));
        }

        if (!string.IsNullOrWhiteSpace(Expand))
        {
            parts.Add("$expand=" + Uri.EscapeDataString(Expand));
        }

        if (!string.IsNullOrWhiteSpace(OrderBy))
        {
            parts.Add("$orderby=" + Uri.EscapeDataString(OrderBy));
        }

        if (Top is { } top)
        {
            parts.Add("$top=" + top.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return parts.Count == 0 ? string.Empty : new StringBuilder("?").AppendJoin('&', parts).ToString();
    }
}
