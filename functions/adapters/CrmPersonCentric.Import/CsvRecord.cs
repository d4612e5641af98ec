namespace CrmPersonCentric.Import;

/// <summary>One well-formed record of a <see cref="CsvFile"/>.</summary>
/// <param name="Line">The line it starts on.</param>
/// <param name="Location">"line 12" (or "lines 12-14" for a record with line breaks inside quotes), for messages.</param>
/// <param name="Fields">Its values, one per header column.</param>
/// <param name="Columns">The header's columns (lower-case) and their positions.</param>
internal sealed record CsvRecord(int Line, string Location, string[] Fields, IReadOnlyDictionary<string, int> Columns)
{
    /// <summary>The trimmed value of a column, or null when the column is absent or the value blank.</summary>
    public string? Optional(string column) =>
        Columns.TryGetValue(column, out var index) && !string.IsNullOrWhiteSpace(Fields[index]) ? Fields[index].Trim() : null;
}
