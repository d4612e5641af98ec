using System.Text.Json;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Import;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Lake.Tests;

/// <summary>
/// What a Delta table's log can ask of its reader (PROTOCOL.md): column mapping is applied, a checkpoint is read as the
/// log's state, and a table whose rows would be wrong without a feature this reader lacks (deletion vectors on live
/// files, an unknown reader feature, a newer reader version) is refused with the table and the feature named.
/// </summary>
public sealed class DeltaProtocolTests : IDisposable
{
    private static readonly Lazy<OrgData> Sample = new(() => OrgDataReader.Read(RepositoryRoot.Combine("samples", "northwind")));

    private readonly string _folder = Directory.CreateTempSubdirectory("cpc-delta-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Contacts => Path.Combine(_folder, "contact");

    private string Log => Path.Combine(Contacts, "_delta_log");

    private static async Task<List<(string Id, string Status, long N, double Observed)>> FindingsAsync(string folder)
    {
        var data = Sample.Value;
        using var lake = DataverseLake.Open(folder);
        var source = new LakeSource(lake, new TraitNormalizer(data.Taxonomy, TraitLimits.Default));
        var personas = await source.ActivePersonasAsync(TestContext.Current.CancellationToken);
        var population = await source.ReadAsync(personas, data.ExportedOn!.Value, themes: data.Themes, cancellationToken: TestContext.Current.CancellationToken);
        return [.. new DriftEngine().Evaluate(population, data.Rules).Findings.Select(f => (f.Id, f.Status.ToString(), f.Evidence.N, f.Evidence.Observed))];
    }

    private void WriteSample() =>
        LakeExportWriter.Write(_folder, LakeLayout.Delta, Sample.Value.Personas, Sample.Value.Profiles, Sample.Value.Signals, rowsPerFile: 1_000);

    private string[] ContactFiles() => [.. Directory.EnumerateFiles(Contacts, "*.parquet").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    private long LatestVersion() => Directory.EnumerateFiles(Log, "*.json").Select(f => long.Parse(Path.GetFileNameWithoutExtension(f), System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(-1).Max();

    private void Commit(params object[] actions) =>
        File.WriteAllLines(Path.Combine(Log, $"{LatestVersion() + 1:D20}.json"), actions.Select(a => JsonSerializer.Serialize(a)));

    private static object DeletionVector => new { storageType = "u", pathOrInlineDv = "ab^-aqEH.-t@S}K{vb[*k^", offset = 4, sizeInBytes = 40, cardinality = 2L };

    [Fact]
    public async Task ATableWithColumnMapping_IsReadByItsLogicalNames_AsTheSameTableWithout()
    {
        WriteSample();
        var expected = await FindingsAsync(_folder);

        // The contact table rewritten as a writer with column mapping leaves it: Parquet columns named col-<uuid>, the
        // logical names only in the log's schema; one logical column no file has yet (added after the files).
        string[] logical;
        var mapped = Path.Combine(_folder, "mapped.parquet");
        using (var lake = DataverseLake.Open(_folder))
        {
            logical = [.. lake.ColumnsOf("contact")];
            using var command = lake.Connection.CreateCommand();
            command.CommandText = $"copy (select {string.Join(", ", logical.Select((c, i) => $"\"{c}\" as \"col-{i:D4}\""))} from {lake.Relation("contact")}) to '{mapped}' (format parquet)";
            command.ExecuteNonQuery();
        }

        Directory.Delete(Contacts, recursive: true);
        Directory.CreateDirectory(Log);
        File.Move(mapped, Path.Combine(Contacts, "part-00000-mapped.snappy.parquet"));
        var fields = logical.Append("cpc_addedlater").Select((c, i) => new Dictionary<string, object>
        {
            ["name"] = c,
            ["type"] = "string",
            ["nullable"] = true,
            ["metadata"] = new Dictionary<string, object> { ["delta.columnMapping.id"] = i + 1, ["delta.columnMapping.physicalName"] = $"col-{i:D4}" },
        });
        Commit(
            new { protocol = new { minReaderVersion = 3, minWriterVersion = 7, readerFeatures = new[] { "columnMapping", "deletionVectors" }, writerFeatures = new[] { "columnMapping", "deletionVectors" } } },
            new { metaData = new { id = Guid.NewGuid(), format = new { provider = "parquet", options = new { } }, schemaString = JsonSerializer.Serialize(new { type = "struct", fields }), partitionColumns = Array.Empty<string>(), configuration = new Dictionary<string, string> { ["delta.columnMapping.mode"] = "name" } } },
            new { add = new { path = "part-00000-mapped.snappy.parquet", partitionValues = new { }, size = 1L, modificationTime = 1L, dataChange = true } });

        using (var lake = DataverseLake.Open(_folder))
        {
            Assert.Contains("cpc_coreFears".ToLowerInvariant(), lake.ColumnsOf("contact"));
            Assert.Contains("cpc_addedlater", lake.ColumnsOf("contact"));
            Assert.DoesNotContain("col-0000", lake.ColumnsOf("contact"));
        }

        Assert.Equal(expected, await FindingsAsync(_folder));
    }

    [Fact]
    public async Task ALiveFileWithADeletionVector_IsRefused_NamingTheTable_AndAFileWhoseVectorWasRemovedIsRead()
    {
        WriteSample();
        var expected = await FindingsAsync(_folder);
        var file = ContactFiles()[0];

        // A MERGE or DELETE with deletion vectors: the file stays, a vector marks rows of it deleted.
        Commit(
            new { protocol = new { minReaderVersion = 3, minWriterVersion = 7, readerFeatures = new[] { "deletionVectors" }, writerFeatures = new[] { "deletionVectors" } } },
            new { remove = new { path = file, deletionTimestamp = 1L, dataChange = true } },
            new { add = new { path = file, partitionValues = new { }, size = 1L, modificationTime = 1L, dataChange = true, deletionVector = DeletionVector } });
        var refused = await Assert.ThrowsAsync<LakeException>(() => FindingsAsync(_folder));
        Assert.Contains("'contact'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("deletion vectors (1 of its", refused.Message, StringComparison.Ordinal);

        // The files rewritten (OPTIMIZE / REORG … PURGE): the vector's file removed, the table reads again.
        Commit(new { remove = new { path = file, deletionTimestamp = 2L, dataChange = false } }, new { add = new { path = file, partitionValues = new { }, size = 1L, modificationTime = 2L, dataChange = false } });
        Assert.Equal(expected, await FindingsAsync(_folder));
    }

    [Theory]
    [InlineData(4, null, "needs a Delta reader of version 4")]
    [InlineData(3, "v2Checkpoint", "needs reader features this reader does not implement: v2Checkpoint")]
    [InlineData(3, "variantType", "not implement: variantType")]
    public async Task AProtocolThisReaderDoesNotMeet_IsRefused_NamingWhatIsMissing(int readerVersion, string? feature, string expected)
    {
        WriteSample();
        Commit(new { protocol = new { minReaderVersion = readerVersion, minWriterVersion = 7, readerFeatures = feature is null ? Array.Empty<string>() : [feature, "columnMapping"], writerFeatures = Array.Empty<string>() } });

        var refused = await Assert.ThrowsAsync<LakeException>(() => FindingsAsync(_folder));

        Assert.Contains("'contact'", refused.Message, StringComparison.Ordinal);
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACheckpoint_IsTheLogsState_ItsDeletionVectorsAndProtocolIncluded()
    {
        WriteSample();
        var files = ContactFiles();
        long total, first;
        using (var lake = DataverseLake.Open(_folder))
        {
            using var command = lake.Connection.CreateCommand();
            command.CommandText = $"select count(*) from {lake.Relation("contact")}";
            total = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            command.CommandText = $"select count(*) from read_parquet('{Path.Combine(Contacts, files[0])}')";
            first = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        // A checkpoint at the next version that holds every file but the first (its rows gone), as Spark writes one: a
        // row per action, the columns of every action kind, and _last_checkpoint pointing at it. Commits up to it are
        // then history (here one that would add the first file back, which a reader of the checkpoint must not see).
        void Checkpoint(bool vector, int readerVersion)
        {
            var version = LatestVersion() + 1;
            Commit(new { add = new { path = files[0], partitionValues = new { }, size = 1L, modificationTime = 3L, dataChange = true } });
            var adds = files.Skip(1).Select((f, i) =>
                $"select null as protocol, null as metaData, {{'path': '{f}', 'size': 1::bigint, 'dataChange': false, 'deletionVector': {(vector && i == 0 ? "{'storageType': 'u', 'pathOrInlineDv': 'x', 'offset': 4, 'sizeInBytes': 40, 'cardinality': 2::bigint}" : "null::struct(storageType varchar, pathOrInlineDv varchar, \"offset\" integer, sizeInBytes integer, cardinality bigint)")}}} as add");
            var protocol = $"select {{'minReaderVersion': {readerVersion}, 'minWriterVersion': 7, 'readerFeatures': ['deletionVectors'], 'writerFeatures': ['deletionVectors']}} as protocol, null as metaData, null as add";
            var path = Path.Combine(Log, $"{version:D20}.checkpoint.parquet");
            using (var lake = DataverseLake.Open(_folder))
            {
                using var command = lake.Connection.CreateCommand();
                command.CommandText = $"copy ({protocol} union all by name {string.Join(" union all by name ", adds)}) to '{path}' (format parquet)";
                command.ExecuteNonQuery();
            }

            File.WriteAllText(Path.Combine(Log, "_last_checkpoint"), JsonSerializer.Serialize(new { version, size = files.Length }));
        }

        Checkpoint(vector: false, readerVersion: 3);
        using (var lake = DataverseLake.Open(_folder))
        {
            using var command = lake.Connection.CreateCommand();
            command.CommandText = $"select count(*) from {lake.Relation("contact")}";
            Assert.Equal(total - first, Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
        }

        Checkpoint(vector: true, readerVersion: 3);
        var refused = await Assert.ThrowsAsync<LakeException>(() => FindingsAsync(_folder));
        Assert.Contains("deletion vectors", refused.Message, StringComparison.Ordinal);

        Checkpoint(vector: false, readerVersion: 4);
        refused = await Assert.ThrowsAsync<LakeException>(() => FindingsAsync(_folder));
        Assert.Contains("version 4", refused.Message, StringComparison.Ordinal);
    }
}
