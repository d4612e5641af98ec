namespace CrmPersonCentric.Lake;

/// <summary>A lake export that cannot be read: the message says which file or table and why (never a value).</summary>
public sealed class LakeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LakeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public LakeException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public LakeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// The kind of a DuckDB error, safe to show: the first words of its message ("IO", "Invalid Input", "Parser"…) or,
    /// without them, its error type — never the rest of the message, which can quote a value of the export.
    /// </summary>
    public static string KindOf(DuckDB.NET.Data.DuckDBException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return ChunkReader.KindOf(error.Message) is var kind && kind != "Unknown" ? kind : error.ErrorType.ToString();
    }
}
