namespace CrmPersonCentric.Lake;

/// <summary>SQL text for DuckDB: quoted literals and identifiers.</summary>
internal static class Sql
{
    /// <summary>A string literal.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A list of string literals.</summary>
    public static string List(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Literal)) + "]";

    /// <summary>A quoted identifier.</summary>
    public static string Name(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
