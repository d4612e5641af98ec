using System.Text.Json;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Import;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Lake.Tests;

/// <summary>
/// What a Delta table's log can ask of its reader (PROTOCOL.md): column mapping and deletion vectors are applied, a
/// checkpoint is read as the log's state, and a table that needs what this reader lacks (an unknown reader feature, a
/// newer reader version) is refused with the table and the feature named.
/// </summary>
public sealed class DeltaProtocolTests : IDisposable
{
    private static readonly Lazy<OrgData> Sample = new(() => OrgDataReader.Read(RepositoryRoot.Combine("samples", "northwind")));

    private readonly TempDirectory _temp = new("cpc-delta");

    private string Folder => _temp.Path;

    public void Dispose() => _temp.Dispose();

    private string Contacts => Path.Combine(Folder, "contact");

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
        LakeExportWriter.Write(Folder, LakeLayout.Delta, Sample.Value.Personas, Sample.Value.Profiles, Sample.Value.Signals, rowsPerFile: 1_000);

    private string[] ContactFiles() => [.. Directory.EnumerateFiles(Contacts, "*.parquet").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    private long LatestVersion() => Directory.EnumerateFiles(Log, "*.json").Select(f => long.Parse(Path.GetFileNameWithoutExtension(f), System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(-1).Max();

    private void Commit(params object[] actions) =>
        File.WriteAllLines(Path.Combine(Log, $"{LatestVersion() + 1:D20}.json"), actions.Select(a => JsonSerializer.Serialize(a)));

    [Fact]
    public async Task ATableWithColumnMapping_IsReadByItsLogicalNames_AsTheSameTableWithout()
    {
        WriteSample();
        var expected = await FindingsAsync(Folder);

        // The contact table rewritten as a writer with column mapping leaves it: Parquet columns named col-<uuid>, the
        // logical names only in the log's schema; one logical column no file has yet (added after the files).
        string[] logical;
        var mapped = Path.Combine(Folder, "mapped.parquet");
        using (var lake = DataverseLake.Open(Folder))
        {
            logical = [.. lake.ColumnsOf("contact")];
            using var command = lake.Connection.CreateCommand();
            command.CommandText = $"copy (select {string.Join(", ", logical.Select((c, i) => $"\"{c}\" as \"col-{i:D4}\""))}, 'stale' as \"col-dropped\", 'stale' as cpc_droppedcolumn from {lake.Relation("contact")}) to '{mapped}' (format parquet)";
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

        using (var lake = DataverseLake.Open(Folder))
        {
            Assert.Contains("cpc_coreFears".ToLowerInvariant(), lake.ColumnsOf("contact"));
            Assert.Contains("cpc_addedlater", lake.ColumnsOf("contact"));
            Assert.DoesNotContain("col-0000", lake.ColumnsOf("contact"));
            Assert.DoesNotContain("col-dropped", lake.ColumnsOf("contact"));
            Assert.DoesNotContain("cpc_droppedcolumn", lake.ColumnsOf("contact"));
        }

        Assert.Equal(expected, await FindingsAsync(Folder));
    }

    [Fact]
    public async Task DeletionVectors_LeaveOutTheRowsTheyMark_InlineAndInAFile_AsAnExportWithoutThoseContacts()
    {
        WriteSample();
        var files = ContactFiles();
        long[] inline = [3, 4, 7, 11, 18, 29];
        long[] stored = [0, 1, 2, 500, 501, 998];
        var deletedIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var lake = DataverseLake.Open(Folder))
        {
            using var command = lake.Connection.CreateCommand();
            foreach (var (file, rows) in new[] { (files[0], inline), (files[1], stored) })
            {
                command.CommandText = $"select cast(\"Id\" as varchar) from read_parquet('{Path.Combine(Contacts, file)}', file_row_number = true) where file_row_number in ({string.Join(", ", rows)})";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    deletedIds.Add(reader.GetString(0));
                }
            }
        }

        Assert.Equal(12, deletedIds.Count);

        // The first file's vector inline (the protocol's own example: rows 3, 4, 7, 11, 18 and 29), the second's in a
        // deletion vector file named from its UUID under a prefix folder, at offset 1 after the format's version byte.
        var payload = DeltaVectors.Encode(stored, runs: false);
        var uuid = Guid.NewGuid();
        Directory.CreateDirectory(Path.Combine(Contacts, "ab"));
        File.WriteAllBytes(Path.Combine(Contacts, "ab", $"deletion_vector_{uuid:D}.bin"), DeltaVectors.File(payload));
        // A commit's actions are a set: Spark writes the file's add with its new vector before the remove of the file
        // as it was (a file is known by its path and its vector); the second file the other way round.
        var inlineVector = new { storageType = "i", pathOrInlineDv = "wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L", sizeInBytes = 40, cardinality = 6L };
        Commit(
            new { protocol = new { minReaderVersion = 3, minWriterVersion = 7, readerFeatures = new[] { "deletionVectors" }, writerFeatures = new[] { "deletionVectors" } } },
            new { add = new { path = files[0], partitionValues = new { }, size = 1L, modificationTime = 1L, dataChange = true, deletionVector = inlineVector } },
            new { remove = new { path = files[0], deletionTimestamp = 1L, dataChange = true } },
            new { remove = new { path = files[1], deletionTimestamp = 1L, dataChange = true } },
            new { add = new { path = files[1], partitionValues = new { }, size = 1L, modificationTime = 1L, dataChange = true, deletionVector = new { storageType = "u", pathOrInlineDv = "ab" + DeltaVectors.Z85(uuid.ToByteArray(bigEndian: true)), offset = 1, sizeInBytes = payload.Length, cardinality = (long)stored.Length } } });
        var actual = await FindingsAsync(Folder);

        using (var withoutFolder = new TempDirectory("cpc-delta-without"))
        {
            var without = withoutFolder.Path;
            var data = Sample.Value;
            var kept = data.Profiles.Where(p => !deletedIds.Contains(LakeExportWriter.GuidOf(p.ContactId))).ToArray();
            Assert.Equal(data.Profiles.Length - 12, kept.Length);
            LakeExportWriter.Write(without, LakeLayout.Delta, data.Personas, kept, data.Signals, rowsPerFile: 1_000);
            Assert.Equal(await FindingsAsync(without), actual);
        }

        // The first file's vector replaced by none (its rows undeleted, as a RESTORE would): those rows are back.
        Commit(
            new { add = new { path = files[0], partitionValues = new { }, size = 1L, modificationTime = 2L, dataChange = true } },
            new { remove = new { path = files[0], deletionTimestamp = 2L, dataChange = true, deletionVector = inlineVector } });
        using (var lake = DataverseLake.Open(Folder))
        {
            using var command = lake.Connection.CreateCommand();
            command.CommandText = $"select count(*) from {lake.Relation("contact")}";
            Assert.Equal(Sample.Value.Profiles.Length - stored.Length, Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData("cardinality", "marks 6 rows where its log says 7")]
    [InlineData("missing", "cannot be read (FileNotFoundException)")]
    [InlineData("damaged", "is damaged")]
    [InlineData("past the end", "do not match its files' rows")]
    public async Task ADeletionVectorThatCannotBeApplied_IsAnErrorNamingTheTable(string damage, string expected)
    {
        WriteSample();
        var file = ContactFiles()[0];
        object vector = damage switch
        {
            "cardinality" => new { storageType = "i", pathOrInlineDv = "wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L", sizeInBytes = 40, cardinality = 7L },
            "missing" => new { storageType = "u", pathOrInlineDv = DeltaVectors.Z85(Guid.NewGuid().ToByteArray(bigEndian: true)), offset = 1, sizeInBytes = 40, cardinality = 6L },
            "past the end" => PastTheEnd(),
            _ => new { storageType = "i", pathOrInlineDv = "00000000000000000000", sizeInBytes = 16, cardinality = 6L },
        };
        Commit(
            new { add = new { path = file, partitionValues = new { }, size = 1L, modificationTime = 1L, dataChange = true, deletionVector = vector } },
            new { remove = new { path = file, deletionTimestamp = 1L, dataChange = true } });

        var error = await Assert.ThrowsAsync<LakeException>(() => FindingsAsync(Folder));

        Assert.Contains("'contact'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);

        // Row 5,000,000 of a file of a thousand rows, inline (Z85 takes whole 4-byte groups: zeros after the vector).
        static object PastTheEnd()
        {
            var payload = DeltaVectors.Encode([5_000_000], runs: false);
            var padded = new byte[(payload.Length + 3) / 4 * 4];
            payload.CopyTo(padded, 0);
            return new { storageType = "i", pathOrInlineDv = DeltaVectors.Z85(padded), sizeInBytes = payload.Length, cardinality = 1L };
        }
    }

    [Theory]
    [InlineData(4, null, "needs a Delta reader of version 4")]
    [InlineData(3, "v2Checkpoint", "needs reader features this reader does not implement: v2Checkpoint")]
    [InlineData(3, "variantType", "not implement: variantType")]
    public async Task AProtocolThisReaderDoesNotMeet_IsRefused_NamingWhatIsMissing(int readerVersion, string? feature, string expected)
    {
        WriteSample();
        Commit(new { protocol = new { minReaderVersion = readerVersion, minWriterVersion = 7, readerFeatures = feature is null ? Array.Empty<string>() : [feature, "columnMapping"], writerFeatures = Array.Empty<string>() } });

        var refused = await Assert.ThrowsAsync<LakeException>(() => FindingsAsync(Folder));

        Assert.Contains("'contact'", refused.Message, StringComparison.Ordinal);
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALogWithACommitMissing_AndColumnMappingById_AreRefused_NamingWhatIsMissing()
    {
        WriteSample();
        var files = ContactFiles();
        Commit(new { remove = new { path = files[0], deletionTimestamp = 1L, dataChange = true } });
        Commit(new { add = new { path = files[0], partitionValues = new { }, size = 1L, modificationTime = 1L, dataChange = true } });
        var missing = Path.Combine(Log, $"{LatestVersion() - 1:D20}.json");
        File.Move(missing, missing + ".gone");

        var gap = await Assert.ThrowsAsync<LakeException>(() => FindingsAsync(Folder));
        Assert.Contains($"'contact' has no commit {LatestVersion() - 1} in its log", gap.Message, StringComparison.Ordinal);

        File.Move(missing + ".gone", missing);
        var byIdMetaData = new { metaData = new { id = Guid.NewGuid(), format = new { provider = "parquet" }, schemaString = "{\"type\":\"struct\",\"fields\":[]}", partitionColumns = Array.Empty<string>(), configuration = new Dictionary<string, string> { ["delta.columnMapping.mode"] = "id" } } };

        // A mode the protocol does not support is not in force (PROTOCOL.md: column mapping needs reader version 2, or 3
        // with the feature): read as without mapping.
        Commit(byIdMetaData);
        Assert.NotEmpty(await FindingsAsync(Folder));

        Commit(new { protocol = new { minReaderVersion = 2, minWriterVersion = 5 } }, byIdMetaData);
        var byId = await Assert.ThrowsAsync<LakeException>(() => FindingsAsync(Folder));
        Assert.Contains("maps its columns by 'id'", byId.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACommitCopiedInPart_OrARemoveOfAnotherVector_IsAnErrorNamingTheCommit()
    {
        WriteSample();
        var file = ContactFiles()[0];
        var half = Path.Combine(Log, $"{LatestVersion() + 1:D20}.json");
        File.WriteAllText(half, "{\"add\":{\"path\":\"part-");

        var damaged = await Assert.ThrowsAsync<LakeException>(() => FindingsAsync(Folder));
        Assert.Contains($"commit ({Path.GetFileName(half)}) that is not valid JSON", damaged.Message, StringComparison.Ordinal);

        File.Delete(half);
        Commit(new { remove = new { path = file, deletionTimestamp = 1L, dataChange = true, deletionVector = new { storageType = "i", pathOrInlineDv = "wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L", sizeInBytes = 40, cardinality = 6L } } });
        var inconsistent = await Assert.ThrowsAsync<LakeException>(() => FindingsAsync(Folder));
        Assert.Contains("removes a file with another deletion vector", inconsistent.Message, StringComparison.Ordinal);

        // One path made live with a second vector without its first being removed; a path that is not text.
        File.Delete(Path.Combine(Log, $"{LatestVersion():D20}.json"));
        Commit(new { add = new { path = file, partitionValues = new { }, size = 1L, modificationTime = 1L, dataChange = true, deletionVector = new { storageType = "i", pathOrInlineDv = "wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L", sizeInBytes = 40, cardinality = 6L } } });
        var twice = await Assert.ThrowsAsync<LakeException>(() => FindingsAsync(Folder));
        Assert.Contains("has a data file live twice in its commit", twice.Message, StringComparison.Ordinal);

        File.Delete(Path.Combine(Log, $"{LatestVersion():D20}.json"));
        Commit(new { add = new { path = 12, partitionValues = new { }, size = 1L, modificationTime = 1L, dataChange = true } });
        var notText = await Assert.ThrowsAsync<LakeException>(() => FindingsAsync(Folder));
        Assert.Contains("with a file path that is not text", notText.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"add\":\"part-0.parquet\"}")]
    [InlineData("{\"remove\":[1]}")]
    [InlineData("{\"protocol\":{\"minReaderVersion\":3,\"readerFeatures\":[7]}}")]
    [InlineData("{\"metaData\":{\"schemaString\":5}}")]
    [InlineData("{\"metaData\":{\"configuration\":{\"delta.columnMapping.mode\":true}}}")]
    public async Task AnActionWithFieldsOfTheWrongType_IsAnErrorNamingTheCommit(string action)
    {
        // Hand-damaged or written by a broken tool: a lake error that names the commit (cpc exit 2), not an unexpected one.
        WriteSample();
        var commit = Path.Combine(Log, $"{LatestVersion() + 1:D20}.json");
        File.WriteAllText(commit, action + "\n");

        var error = await Assert.ThrowsAsync<LakeException>(() => FindingsAsync(Folder));
        Assert.Contains($"commit ({Path.GetFileName(commit)}) with an action whose fields are not of the types", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASchemaWithFieldsOfTheWrongType_IsAnErrorNamingTheTable()
    {
        WriteSample();
        Commit(
            new { protocol = new { minReaderVersion = 2, minWriterVersion = 5 } },
            new { metaData = new { id = "x", format = new { provider = "parquet" }, schemaString = "{\"type\":\"struct\",\"fields\":[{\"name\":3}]}", partitionColumns = Array.Empty<string>(), configuration = new Dictionary<string, string> { ["delta.columnMapping.mode"] = "name" } } });

        var error = await Assert.ThrowsAsync<LakeException>(() => FindingsAsync(Folder));
        Assert.Contains("has a schema in its log that is not valid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACheckpoint_IsTheLogsState_ItsDeletionVectorsAndProtocolIncluded()
    {
        WriteSample();
        var files = ContactFiles();
        long total, first;
        using (var lake = DataverseLake.Open(Folder))
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
        void Checkpoint(bool vector, int readerVersion, string mode = "none")
        {
            var version = LatestVersion() + 1;
            Commit(new { add = new { path = files[0], partitionValues = new { }, size = 1L, modificationTime = 3L, dataChange = true } });
            var adds = files.Skip(1).Select((f, i) =>
                $"select null as protocol, null as metaData, {{'path': '{f}', 'size': 1::bigint, 'dataChange': false, 'deletionVector': {(vector && i == 0 ? "{'storageType': 'i', 'pathOrInlineDv': 'wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L', 'offset': null::integer, 'sizeInBytes': 40, 'cardinality': 6::bigint}" : "null::struct(storageType varchar, pathOrInlineDv varchar, \"offset\" integer, sizeInBytes integer, cardinality bigint)")}}} as add");
            var protocol = $"select {{'minReaderVersion': {readerVersion}, 'minWriterVersion': 7, 'readerFeatures': ['deletionVectors', 'columnMapping'], 'writerFeatures': ['deletionVectors', 'columnMapping']}} as protocol, null as metaData, null as add " +
                "union all by name select null as protocol, {'id': 'table', 'schemaString': '{\"type\":\"struct\",\"fields\":[]}', 'configuration': MAP {'delta.enableDeletionVectors': 'true', 'delta.columnMapping.mode': '" + mode + "'}} as metaData, null as add";
            var path = Path.Combine(Log, $"{version:D20}.checkpoint.parquet");
            using (var lake = DataverseLake.Open(Folder))
            {
                using var command = lake.Connection.CreateCommand();
                command.CommandText = $"copy ({protocol} union all by name {string.Join(" union all by name ", adds)}) to '{path}' (format parquet)";
                command.ExecuteNonQuery();
            }

            File.WriteAllText(Path.Combine(Log, "_last_checkpoint"), JsonSerializer.Serialize(new { version, size = files.Length }));
        }

        Checkpoint(vector: false, readerVersion: 3);
        long Count()
        {
            using var lake = DataverseLake.Open(Folder);
            using var command = lake.Connection.CreateCommand();
            command.CommandText = $"select count(*) from {lake.Relation("contact")}";
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Equal(total - first, Count());

        // _last_checkpoint is optional and old commits may be cleaned up: the latest checkpoint in the folder is found.
        var pointer = File.ReadAllText(Path.Combine(Log, "_last_checkpoint"));
        File.Delete(Path.Combine(Log, "_last_checkpoint"));
        var cleaned = Directory.EnumerateFiles(Log, "*.json").Order(StringComparer.Ordinal).SkipLast(1).ToList();
        cleaned.ForEach(f => File.Move(f, f + ".cleaned"));
        Assert.Equal(total - first, Count());
        // A pointer that is only a hint: cut short, or naming a checkpoint that is not there, gives way to the folder's.
        File.WriteAllText(Path.Combine(Log, "_last_checkpoint"), "{\"vers");
        Assert.Equal(total - first, Count());
        File.WriteAllText(Path.Combine(Log, "_last_checkpoint"), "{\"version\":0,\"parts\":2}");
        Assert.Equal(total - first, Count());
        cleaned.ForEach(f => File.Move(f + ".cleaned", f));
        File.WriteAllText(Path.Combine(Log, "_last_checkpoint"), pointer);

        // The second file's vector in the checkpoint (the protocol's inline example: six rows).
        Checkpoint(vector: true, readerVersion: 3);
        Assert.Equal(total - first - 6, Count());

        Checkpoint(vector: false, readerVersion: 4);
        var refused = await Assert.ThrowsAsync<LakeException>(() => FindingsAsync(Folder));
        Assert.Contains("version 4", refused.Message, StringComparison.Ordinal);

        // The checkpoint's configuration (a map) read too.
        Checkpoint(vector: false, readerVersion: 3, mode: "id");
        refused = await Assert.ThrowsAsync<LakeException>(() => FindingsAsync(Folder));
        Assert.Contains("maps its columns by 'id'", refused.Message, StringComparison.Ordinal);
    }
}
