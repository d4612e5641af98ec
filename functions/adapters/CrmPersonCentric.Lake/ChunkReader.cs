using System.Runtime.CompilerServices;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace CrmPersonCentric.Lake;

/// <summary>
/// A query's result read a chunk at a time through DuckDB's C API (<c>duckdb_fetch_chunk</c>: up to 2,048 rows, a vector
/// per column), for the reads whose rows go straight into the population. DuckDB.NET's data reader reads value by value
/// and makes a .NET string of every text; here a text is a span over DuckDB's own bytes, valid until the next chunk, so a
/// text seen before costs a lookup and no allocation. Each column's type is fixed by the query (cast there) and checked
/// when the result opens. An error is a <see cref="LakeException"/> naming DuckDB's kind of error only (its message can
/// quote a value of the export).
/// </summary>
internal sealed unsafe class ChunkReader : IDisposable
{
    /// <summary>Bytes of a <c>duckdb_string_t</c>: a 4-byte length, then 12 bytes inline or a 4-byte prefix and a pointer.</summary>
    private const int StringSize = 16;

    /// <summary>The longest text DuckDB keeps inside the <c>duckdb_string_t</c> itself.</summary>
    private const int InlineLength = 12;

    private readonly DuckDBPreparedStatement _statement;
    private DuckDBResult _result;
    private DuckDBDataChunk? _chunk;
    private bool _done;
    private readonly nint[] _data;
    private readonly nint[] _validity;

    private ChunkReader(DuckDBPreparedStatement statement, DuckDBResult result, int columns)
    {
        _statement = statement;
        _result = result;
        _data = new nint[columns];
        _validity = new nint[columns];
    }

    /// <summary>Rows in the current chunk.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Runs <paramref name="sql"/> and checks that its columns have the <paramref name="types"/> given. Streaming, DuckDB
    /// produces chunks as they are read, so a wide result is never held whole; otherwise the result is made in full first,
    /// which keeps every thread busy on a join (measured: a narrow joined result streamed took a fifth longer).
    /// </summary>
    /// <exception cref="LakeException">The query failed, or a column has another type than expected.</exception>
    public static ChunkReader Open(DuckDBConnection connection, string sql, bool streaming, params ReadOnlySpan<DuckDBType> types)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (NativeMethods.PreparedStatements.DuckDBPrepare(connection.NativeConnection, sql, out var statement) != DuckDBState.Success)
        {
            // Preparing binds the query, which opens the export's files (a missing or damaged file fails here); the C API
            // gives a prepared statement's error as text only, whose first words name its kind ("IO Error: …").
            var kind = KindOf(NativeMethods.PreparedStatements.DuckDBPrepareError(statement));
            statement.Dispose();
            throw Unreadable(kind);
        }

        var state = streaming
            ? NativeMethods.PreparedStatements.DuckDBExecutePreparedStreaming(statement, out var result)
            : NativeMethods.PreparedStatements.DuckDBExecutePrepared(statement, out result);
        if (state != DuckDBState.Success)
        {
            var kind = NativeMethods.Query.DuckDBResultErrorType(ref result).ToString();
            result.Close();
            statement.Dispose();
            throw Unreadable(kind);
        }

        var reader = new ChunkReader(statement, result, types.Length);
        var count = (long)NativeMethods.Query.DuckDBColumnCount(ref reader._result);
        for (var i = 0; i < types.Length; i++)
        {
            var type = i < count ? NativeMethods.Query.DuckDBColumnType(ref reader._result, i) : DuckDBType.Invalid;
            if (type != types[i] || count != types.Length)
            {
                reader.Dispose();
                throw Unreadable(nameof(DuckDBErrorType.MismatchType));
            }
        }

        return reader;
    }

    /// <summary>Moves to the next chunk; false at the end of the result.</summary>
    /// <exception cref="LakeException">The query failed while it ran (a file that cannot be read…).</exception>
    public bool Next()
    {
        _chunk?.Dispose();
        _chunk = null;
        Count = 0;
        if (_done)
        {
            return false;
        }

        _chunk = NativeMethods.Query.DuckDBFetchChunk(_result);
        if (_chunk.IsInvalid)
        {
            _done = true;
            if (NativeMethods.Query.DuckDBResultError(ref _result) is { Length: > 0 })
            {
                throw Unreadable(NativeMethods.Query.DuckDBResultErrorType(ref _result).ToString());
            }

            return false;
        }

        Count = checked((int)NativeMethods.DataChunks.DuckDBDataChunkGetSize(_chunk));
        for (var i = 0; i < _data.Length; i++)
        {
            var vector = NativeMethods.DataChunks.DuckDBDataChunkGetVector(_chunk, i);
            _data[i] = (nint)NativeMethods.Vectors.DuckDBVectorGetData(vector);
            _validity[i] = (nint)NativeMethods.Vectors.DuckDBVectorGetValidity(vector);
        }

        return Count > 0 || Next();
    }

    private static LakeException Unreadable(string kind) =>
        new($"The lake export could not be read ({kind}): check that it holds a complete Dataverse export (Delta tables or CSV with model.json) and that its files are complete.");

    /// <summary>The kind an error message of DuckDB's starts with ("IO", "Binder", "Invalid Input"…), never the rest of it (which can quote a value).</summary>
    internal static string KindOf(string? message)
    {
        var end = message?.IndexOf(" Error:", StringComparison.Ordinal) ?? -1;
        return end is > 0 and <= 30 && message![..end].All(c => char.IsAsciiLetter(c) || c == ' ') ? message[..end] : "Unknown";
    }

    /// <summary>Whether the value is null (a vector without a validity mask has none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsNull(int column, int row)
    {
        var validity = (ulong*)_validity[column];
        return validity is not null && (validity[row >> 6] & (1UL << (row & 63))) == 0;
    }

    /// <summary>A BIGINT value (meaningless when null).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Int64(int column, int row) => ((long*)_data[column])[row];

    /// <summary>An INTEGER value (meaningless when null).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Int32(int column, int row) => ((int*)_data[column])[row];

    /// <summary>A BOOLEAN value (meaningless when null).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Boolean(int column, int row) => ((byte*)_data[column])[row] != 0;

    /// <summary>A VARCHAR value's UTF-8 bytes, valid until <see cref="Next"/> (empty when null).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Utf8(int column, int row)
    {
        var value = (byte*)_data[column] + ((nint)row * StringSize);
        var length = *(uint*)value;
        return new ReadOnlySpan<byte>(length <= InlineLength ? value + 4 : *(byte**)(value + 8), checked((int)length));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _chunk?.Dispose();
        _chunk = null;
        _result.Close();
        _statement.Dispose();
    }
}
