namespace CrmPersonCentric.Import;

/// <summary>One well-formed record of a <see cref="CsvFile"/>.</summary>
/// <param name="Line">The line it starts on.</param>
/// <param name="EndLine">The line it ends on (a later one when a quoted value holds line breaks).</param>
/// <param name="Fields">Its values, one per header column.</param>
/// <param name="Columns">The header's columns (lower-case) and their positions.</param>
internal sealed record CsvRecord(int Line, int EndLine, string[] Fields, IReadOnlyDictionary<string, int> Columns)
{
    /// <summary>"line 12" (or "lines 12-14"), for messages.</summary>
    public string Location => CsvFile.Lines(Line, EndLine);

    /// <summary>The trimmed value of a column, or null when the column is absent or the value blank.</summary>
    public string? Optional(string column) =>
        Columns.TryGetValue(column, out var index) && !string.IsNullOrWhiteSpace(Fields[index]) ? Fields[index].Trim() : null;
}
