using System.Text;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace CrmPersonCentric.Lake.Tests;

/// <summary>
/// <see cref="ChunkReader"/> against DuckDB itself: every value the data reader gives, read from the vectors instead —
/// texts kept inside DuckDB's string struct (up to 12 bytes) and behind its pointer, non-ASCII text, nulls, several
/// chunks — and errors as <see cref="LakeException"/>s that name DuckDB's kind of error, never a value.
/// </summary>
public sealed class ChunkReaderTests : IDisposable
{
    private readonly DuckDBConnection _connection = new("DataSource=:memory:");

    public ChunkReaderTests() => _connection.Open();

    public void Dispose() => _connection.Dispose();

    private const string Rows =
        "select i, cast(i * 3 as bigint) as big, i % 3 = 0 as flag, " +
        "case when i % 5 = 0 then null when i % 2 = 0 then 'kurz-' || i else 'ein längerer Text über Vertrauen — ' || i end as text " +
        "from range(0, 5000) t(i) order by i";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EveryValue_IsTheDataReadersValue(bool streaming)
    {
        var expected = new List<(int, long, bool, string?)>();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = Rows.Replace("select i,", "select cast(i as integer) as i,", StringComparison.Ordinal);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                expected.Add((reader.GetInt32(0), reader.GetInt64(1), reader.GetBoolean(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }

        var actual = new List<(int, long, bool, string?)>();
        var chunks = 0;
        using (var rows = ChunkReader.Open(_connection, Rows.Replace("select i,", "select cast(i as integer) as i,", StringComparison.Ordinal), streaming, DuckDBType.Integer, DuckDBType.BigInt, DuckDBType.Boolean, DuckDBType.Varchar))
        {
            while (rows.Next())
            {
                chunks++;
                for (var r = 0; r < rows.Count; r++)
                {
                    Assert.False(rows.IsNull(0, r));
                    actual.Add((rows.Int32(0, r), rows.Int64(1, r), rows.Boolean(2, r), rows.IsNull(3, r) ? null : Encoding.UTF8.GetString(rows.Utf8(3, r))));
                }
            }

            Assert.False(rows.Next());
        }

        Assert.Equal(5000, expected.Count);
        Assert.Contains(expected, e => e.Item4 is { Length: <= 12 });
        Assert.Contains(expected, e => e.Item4 is { Length: > 12 });
        Assert.Contains(expected, e => e.Item4 is null);
        Assert.True(chunks >= 3, $"{chunks} chunks");
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void AnEmptyResult_HasNoChunk()
    {
        using var rows = ChunkReader.Open(_connection, "select cast(1 as integer) where false", streaming: true, DuckDBType.Integer);
        Assert.False(rows.Next());
    }

    [Fact]
    public void AColumnOfAnotherType_IsRefusedWhenTheResultOpens()
    {
        var error = Assert.Throws<LakeException>(() => ChunkReader.Open(_connection, "select 'secret value' as t", streaming: false, DuckDBType.BigInt));
        Assert.Contains("(MismatchType)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);

        Assert.Throws<LakeException>(() => ChunkReader.Open(_connection, "select cast(1 as bigint), 2", streaming: false, DuckDBType.BigInt));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AQueryThatFails_NamesTheKindOfError_NeverAValue(bool streaming)
    {
        var syntax = Assert.Throws<LakeException>(() => ChunkReader.Open(_connection, "select frm nowhere 'secret value'", streaming, DuckDBType.Integer));
        Assert.Contains("could not be read (Parser)", syntax.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", syntax.Message, StringComparison.Ordinal);

        // A file that is not there fails while the query is prepared (bound): its kind is still named.
        var missing = Assert.Throws<LakeException>(() => ChunkReader.Open(_connection, "select count(*) from read_parquet('/nonexistent/secret-value.parquet')", streaming, DuckDBType.BigInt));
        Assert.Contains("could not be read (IO)", missing.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", missing.Message, StringComparison.Ordinal);

        // A cast that fails on a value only when the rows are made (DuckDB's own message quotes the value).
        var conversion = Assert.Throws<LakeException>(() =>
        {
            using var rows = ChunkReader.Open(_connection, "select cast(case when i < 4000 then '1' else 'secret value' end as integer) from range(0, 5000) t(i)", streaming, DuckDBType.Integer);
            while (rows.Next())
            {
            }
        });
        Assert.Contains("(Conversion)", conversion.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", conversion.Message, StringComparison.Ordinal);
        Assert.Null(conversion.InnerException);
    }

    [Theory]
    [InlineData("IO Error: No files found that match the pattern \"/data/secret.parquet\"", "IO")]
    [InlineData("Invalid Input Error: Could not convert string 'secret' to INT32", "Invalid Input")]
    [InlineData("Binder Error: Referenced column \"secret\" not found", "Binder")]
    [InlineData("secret value without a kind", "Unknown")]
    [InlineData("A prefix far longer than any kind of error DuckDB has Error: secret", "Unknown")]
    [InlineData("secret: 'x' Error: y", "Unknown")]
    [InlineData(null, "Unknown")]
    public void AnErrorsKind_IsTheFirstWordsOfItsMessage_NeverTheRest(string? message, string kind) =>
        Assert.Equal(kind, ChunkReader.KindOf(message));

    [Theory]
    [InlineData("select * from read_parquet('/nonexistent/secret-value.parquet')", "IO")]
    [InlineData("select cast('secret value' as integer)", "Conversion")]
    public void ADuckDBExceptionsKind_IsItsMessagesFirstWords_NeverTheRest(string sql, string kind)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        var error = Assert.Throws<DuckDBException>(() =>
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
            }
        });
        Assert.Contains("secret", error.Message, StringComparison.Ordinal);
        Assert.Equal(kind, LakeException.KindOf(error));
    }
}
