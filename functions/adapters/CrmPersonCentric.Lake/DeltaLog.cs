using System.Text.Json;
using DuckDB.NET.Data;

namespace CrmPersonCentric.Lake;

/// <summary>
/// The data files of a Delta table as of its latest version, from its transaction log (the Delta protocol,
/// github.com/delta-io/delta PROTOCOL.md): the last checkpoint named by <c>_delta_log/_last_checkpoint</c> (a Parquet
/// file, read with DuckDB), then every later <c>NNNNNNNNNNNNNNNNNNNN.json</c> commit in version order, each a line per
/// action: <c>add</c> makes a file part of the table, <c>remove</c> takes it out, the latest <c>protocol</c> says what a
/// reader must support and the latest <c>metaData</c> carries the schema. Paths are URIs relative to the table's folder
/// (percent-encoded). DuckDB's own Delta reader is an extension it downloads, which a locked-down machine cannot.
/// <para>
/// As the protocol requires of a reader, a table that needs a reader feature this one does not implement is refused
/// with the feature named, never read as if it did not (rows would be wrong without an error): a reader version above 3
/// or a reader feature outside <see cref="SupportedFeatures"/>. Column mapping by name (where the protocol supports it:
/// reader version 2, or the <c>columnMapping</c> feature) is applied: each column of the schema is read from the Parquet
/// column its <c>delta.columnMapping.physicalName</c> names, under its logical name (mapping by field id is refused).
/// Deletion vectors are applied: the rows a live file's vector marks (<see cref="DeletionVector"/>) are left out of the table — read without
/// it, deleted and replaced rows would come back (a deleted contact among the people).
/// </para>
/// </summary>
internal static class DeltaLog
{
    /// <summary>The log folder's name.</summary>
    public const string Folder = "_delta_log";

    /// <summary>
    /// Reader features (reader version 3) this reader handles: column mapping and deletion vectors (applied), the
    /// timestamp without time zone type and type widening
    /// (DuckDB reads both types; every column is cast to the type the source needs), and the vacuum protocol check (a
    /// writer's concern).
    /// </summary>
    public static readonly IReadOnlySet<string> SupportedFeatures = new HashSet<string>(StringComparer.Ordinal)
    {
        "columnMapping", "deletionVectors", "timestampNtz", "typeWidening", "typeWidening-preview", "vacuumProtocolCheck",
    };

    /// <summary>True when the folder is a Delta table.</summary>
    public static bool IsTable(string folder) => Directory.Exists(Path.Combine(folder, Folder));

    /// <summary>A table's state at its latest version: its live files and how its logical columns are named in them.</summary>
    /// <param name="Files">The live data files, full paths, in a stable order.</param>
    /// <param name="Columns">
    /// With column mapping (mode <c>name</c>), every column of the table's schema, logical name → the Parquet column it is
    /// read from (the table is exactly these columns); null when the table does not map columns.
    /// </param>
    /// <param name="Deleted">Per live file with a deletion vector (its full path, as in <paramref name="Files"/>), the positions of its deleted rows.</param>
    public sealed record Snapshot(IReadOnlyList<string> Files, IReadOnlyList<KeyValuePair<string, string>>? Columns, IReadOnlyDictionary<string, long[]> Deleted);

    /// <summary>What the log says of the table as it is replayed.</summary>
    private sealed class State
    {
        /// <summary>
        /// Live files by path, with their deletion vector. The protocol knows a file by its path and its vector's id; a
        /// valid log never has one path live with two vectors, so the path is the key and the vector is checked against
        /// it (<see cref="Add"/>, <see cref="Replay"/>).
        /// </summary>
        public Dictionary<string, DeletionVector?> Files { get; } = new(StringComparer.Ordinal);

        public int ReaderVersion { get; set; } = 1;

        public IReadOnlyList<string> Features { get; set; } = [];

        public string? Schema { get; set; }

        public string? MappingMode { get; set; }
    }

    /// <summary>The table's live data files and column names, checked against what this reader supports.</summary>
    /// <exception cref="LakeException">The table needs a reader feature this reader does not implement, its log is incomplete, or a deletion vector cannot be read.</exception>
    public static Snapshot Read(string table, DuckDBConnection connection)
    {
        var name = Path.GetFileName(table);
        var log = Path.Combine(table, Folder);
        var state = new State();
        var (fromVersion, checkpoints) = LatestCheckpoint(name, log);
        if (checkpoints.Count > 0)
        {
            ReadCheckpoint(name, Sql.List(checkpoints), connection, state);
        }

        var expected = fromVersion + 1;
        foreach (var (version, path) in Directory.EnumerateFiles(log, "*.json")
            .Select(f => (Version: long.TryParse(Path.GetFileNameWithoutExtension(f), out var v) ? v : -1, Path: f))
            .Where(c => c.Version > fromVersion)
            .OrderBy(c => c.Version))
        {
            if (version != expected)
            {
                // A commit missing (cleaned up without a checkpoint that covers it, or not yet copied): files would be missed.
                throw new LakeException($"The Delta table '{name}' has no commit {expected} in its log (the next is {version}) and no checkpoint past it: the export is incomplete.");
            }

            expected++;
            Replay(name, path, state);
        }

        Check(name, state.ReaderVersion, state.Features);
        string Full(string file) => Path.GetFullPath(Path.Combine(table, Uri.UnescapeDataString(file)));
        return new Snapshot(
            [.. state.Files.Keys.Order(StringComparer.Ordinal).Select(Full)],
            Columns(name, state),
            state.Files.Where(f => f.Value is not null).ToDictionary(f => Full(f.Key), f => f.Value!.Rows(table), StringComparer.Ordinal));
    }

    /// <summary>Makes a file live; the same path live with another vector is a log that is not consistent.</summary>
    private static void Add(string table, string where, State state, string path, DeletionVector? vector)
    {
        if (state.Files.TryGetValue(path, out var live) && !SameVector(live, vector))
        {
            throw new LakeException($"The Delta table '{table}' has a data file live twice in its {where} (with two deletion vectors): the log is not consistent.");
        }

        state.Files[path] = vector;
    }

    /// <summary>
    /// The checkpoint to start from: the one <c>_last_checkpoint</c> names, or — that file being optional — the latest
    /// complete one in the log folder (a classic <c>N.checkpoint.parquet</c>, or every part of a multi-part one); none
    /// (version -1) when the log has none. A V2 checkpoint is refused by name.
    /// </summary>
    private static (long Version, IReadOnlyList<string> Files) LatestCheckpoint(string table, string log)
    {
        // The pointer is a hint (PROTOCOL.md, "Last Checkpoint File"): one that cannot be read, or names a checkpoint
        // not all there, gives way to the folder's latest complete checkpoint, as does an older one than that.
        (long Version, IReadOnlyList<string> Files) named = (-1, []);
        var pointer = Path.Combine(log, "_last_checkpoint");
        if (File.Exists(pointer))
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(pointer));
                if (document.RootElement.TryGetProperty("v2Checkpoint", out _))
                {
                    throw new LakeException($"The Delta table '{table}' has a V2 checkpoint (the v2Checkpoint feature), which this reader does not read.");
                }

                if (document.RootElement.TryGetProperty("version", out var v) && v.TryGetInt64(out var version))
                {
                    var parts = document.RootElement.TryGetProperty("parts", out var p) && p.TryGetInt32(out var n) ? n : 0;
                    IReadOnlyList<string> files = parts <= 0
                        ? [Path.Combine(log, $"{version:D20}.checkpoint.parquet")]
                        : [.. Enumerable.Range(1, parts).Select(i => Path.Combine(log, $"{version:D20}.checkpoint.{i:D10}.{parts:D10}.parquet"))];
                    named = files.All(File.Exists) ? (version, files) : named;
                }
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                // Not readable: the folder decides.
            }
        }

        var listed = Directory.EnumerateFiles(log, "*.checkpoint*.parquet")
            .Select(f => (File: f, Parts: Path.GetFileName(f).Split('.')))
            .Where(c => c.Parts[0].Length == 20 && long.TryParse(c.Parts[0], out _) && (c.Parts.Length == 3 || (c.Parts.Length == 5 && int.TryParse(c.Parts[3], out _))))
            .GroupBy(c => long.Parse(c.Parts[0], System.Globalization.CultureInfo.InvariantCulture))
            .Select(g => (Version: g.Key, Files: g.Any(c => c.Parts.Length == 3)
                ? [g.First(c => c.Parts.Length == 3).File]
                : g.Where(c => c.Parts.Length == 5).GroupBy(c => c.Parts[3]).Select(n => n.Select(c => c.File).Order(StringComparer.Ordinal).ToList())
                    .FirstOrDefault(n => n.Count == int.Parse(Path.GetFileName(n[0]).Split('.')[3], System.Globalization.CultureInfo.InvariantCulture)) ?? []))
            .Where(c => c.Files.Count > 0)
            .OrderByDescending(c => c.Version)
            .FirstOrDefault();
        return listed.Files is { Count: > 0 } && listed.Version > named.Version ? (listed.Version, listed.Files) : named;
    }

    /// <summary>
    /// One commit's actions. A commit's actions form a set (PROTOCOL.md, "Action Reconciliation"): a file is known by its
    /// path and deletion vector, so the commit that gives a file a new vector adds (path, new) and removes (path, old) in
    /// either order; the removes go first.
    /// </summary>
    private static void Replay(string table, string path, State state)
    {
        var commit = Path.GetFileName(path);
        var adds = new List<(string Path, DeletionVector? Vector)>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var action = Parse(table, commit, line);
            var root = action.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new LakeException($"The Delta table '{table}' has a commit ({commit}) with an action that is not a JSON object.");
            }

            try
            {
                if (root.TryGetProperty("add", out var add) && add.TryGetProperty("path", out var added))
                {
                    adds.Add((PathOf(table, commit, added), VectorOf(table, add)));
                }
                else if (root.TryGetProperty("remove", out var remove) && remove.TryGetProperty("path", out var removed))
                {
                    var file = PathOf(table, commit, removed);
                    if (state.Files.TryGetValue(file, out var live))
                    {
                        // Valid logs remove a live file as it is live: a remove that names another vector would leave it live.
                        if (!SameVector(live, VectorOf(table, remove)))
                        {
                            throw new LakeException($"The Delta table '{table}' has a commit ({commit}) that removes a file with another deletion vector than the file has: the log is not consistent.");
                        }

                        state.Files.Remove(file);
                    }
                }
                else if (root.TryGetProperty("protocol", out var declared))
                {
                    state.ReaderVersion = declared.TryGetProperty("minReaderVersion", out var version) && version.TryGetInt32(out var v) ? v : 1;
                    state.Features = declared.TryGetProperty("readerFeatures", out var features) && features.ValueKind == JsonValueKind.Array
                        ? [.. features.EnumerateArray().Select(f => f.GetString() ?? string.Empty)]
                        : [];
                }
                else if (root.TryGetProperty("metaData", out var metaData))
                {
                    state.Schema = metaData.TryGetProperty("schemaString", out var schemaString) ? schemaString.GetString() : null;
                    state.MappingMode = metaData.TryGetProperty("configuration", out var configuration) && configuration.ValueKind == JsonValueKind.Object
                        && configuration.TryGetProperty("delta.columnMapping.mode", out var mode) ? mode.GetString() : null;
                }
            }
            catch (InvalidOperationException)
            {
                // JsonElement's accessors refuse an element of another kind (an "add" that is text, a feature that is a number).
                throw new LakeException($"The Delta table '{table}' has a commit ({commit}) with an action whose fields are not of the types the Delta protocol gives them: the export is damaged.");
            }
        }

        foreach (var (file, vector) in adds)
        {
            Add(table, $"commit {commit}", state, file, vector);
        }
    }

    /// <summary>Whether two actions name the same deletion vector (or both none): with the path, a file's key in the protocol.</summary>
    private static bool SameVector(DeletionVector? a, DeletionVector? b) => (a?.UniqueId ?? string.Empty) == (b?.UniqueId ?? string.Empty);

    /// <summary>An action's file path: text, or the commit is not one this reader can trust.</summary>
    private static string PathOf(string table, string commit, JsonElement path) =>
        path.ValueKind == JsonValueKind.String && path.GetString() is { Length: > 0 } text
            ? text
            : throw new LakeException($"The Delta table '{table}' has a commit ({commit}) with a file path that is not text.");

    /// <summary>One line of a commit as JSON; a line that is not (a commit copied in part) is an error naming the commit.</summary>
    private static JsonDocument Parse(string table, string commit, string line)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            throw new LakeException($"The Delta table '{table}' has a commit ({commit}) that is not valid JSON: the export is incomplete or damaged.");
        }
    }

    /// <summary>An <c>add</c> or <c>remove</c> action's deletion vector descriptor, or null without one.</summary>
    private static DeletionVector? VectorOf(string table, JsonElement action)
    {
        if (!action.TryGetProperty("deletionVector", out var vector) || vector.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? Text(string field) => vector.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        long? Number(string field) => vector.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;
        return DeletionVector.Of(table, Text("storageType"), Text("pathOrInlineDv"), Number("offset"), Number("sizeInBytes"), Number("cardinality"));
    }

    /// <summary>Refuses a protocol this reader does not meet, naming what is missing.</summary>
    private static void Check(string table, int readerVersion, IReadOnlyList<string> features)
    {
        if (readerVersion > 3)
        {
            throw new LakeException($"The Delta table '{table}' needs a Delta reader of version {readerVersion}; this one reads versions 1 to 3.");
        }

        var unsupported = readerVersion == 3 ? features.Where(f => !SupportedFeatures.Contains(f)).ToList() : [];
        if (unsupported.Count > 0)
        {
            throw new LakeException($"The Delta table '{table}' needs reader features this reader does not implement: {string.Join(", ", unsupported)} (it reads {string.Join(", ", SupportedFeatures.Order(StringComparer.Ordinal))}).");
        }
    }

    /// <summary>The live files, deletion vectors, protocol and schema a checkpoint holds (its columns differ by writer and version).</summary>
    private static void ReadCheckpoint(string table, string checkpoints, DuckDBConnection connection, State state)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        command.CommandText = $"describe select * from read_parquet({checkpoints})";
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                types[reader.GetString(0)] = reader.GetString(1);
            }
        }

        // A struct's type as DuckDB describes it names its fields (quoted only when a keyword or not a plain identifier:
        // STRUCT(path VARCHAR, deletionVector STRUCT(storageType VARCHAR, …, "offset" INTEGER, …), …).
        bool Has(string column, string field) =>
            types.TryGetValue(column, out var type) && (type.Contains($"\"{field}\" ", StringComparison.Ordinal) || type.Contains($"({field} ", StringComparison.Ordinal) || type.Contains($", {field} ", StringComparison.Ordinal));
        var vector = Has("add", "deletionVector")
            ? "add.deletionVector.storageType, add.deletionVector.pathOrInlineDv, add.deletionVector.\"offset\", add.deletionVector.sizeInBytes, add.deletionVector.cardinality"
            : "null, null, null, null, null";
        command.CommandText = $"select add.path, {vector} from read_parquet({checkpoints}) where add is not null and add.path is not null";
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                long? Number(int i) => reader.IsDBNull(i) ? null : Convert.ToInt64(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
                string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
                var deletion = reader.IsDBNull(1) ? null : DeletionVector.Of(table, Text(1), Text(2), Number(3), Number(4), Number(5));
                Add(table, "checkpoint", state, reader.GetString(0), deletion);
            }
        }

        if (types.ContainsKey("protocol"))
        {
            var features = Has("protocol", "readerFeatures") ? "array_to_string(protocol.readerFeatures, ',')" : "null::varchar";
            command.CommandText = $"select protocol.minReaderVersion, {features} from read_parquet({checkpoints}) where protocol is not null limit 1";
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                state.ReaderVersion = reader.IsDBNull(0) ? 1 : Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
                state.Features = reader.IsDBNull(1) ? [] : reader.GetString(1).Split(',', StringSplitOptions.RemoveEmptyEntries);
            }
        }

        if (Has("metaData", "schemaString"))
        {
            // The configuration is a map; map_extract gives a list of the key's values (none when absent).
            var mode = Has("metaData", "configuration") ? "array_to_string(map_extract(metaData.configuration, 'delta.columnMapping.mode'), ',')" : "null::varchar";
            command.CommandText = $"select metaData.schemaString, {mode} from read_parquet({checkpoints}) where metaData is not null limit 1";
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                state.Schema = reader.IsDBNull(0) ? null : reader.GetString(0);
                state.MappingMode = reader.IsDBNull(1) || reader.GetString(1).Length == 0 ? null : reader.GetString(1);
            }
        }
    }

    /// <summary>
    /// With column mapping by name (<c>delta.columnMapping.mode</c> = <c>name</c>), the schema's top-level columns (a
    /// Dataverse table's columns are flat) with the Parquet column each is read from; null without mapping. The
    /// <c>id</c> mode resolves columns by Parquet field ids, which this reader does not: refused.
    /// </summary>
    private static List<KeyValuePair<string, string>>? Columns(string table, State state)
    {
        // The mode counts only where the protocol supports column mapping (reader version 2, or 3 with the feature).
        var supported = state.ReaderVersion == 2 || (state.ReaderVersion == 3 && state.Features.Contains("columnMapping"));
        var mode = supported ? state.MappingMode?.Trim().ToLowerInvariant() : null;
        if (mode is null or "" or "none")
        {
            return null;
        }

        if (mode != "name")
        {
            throw new LakeException($"The Delta table '{table}' maps its columns by '{(mode.Length <= 8 ? mode : mode[..8])}', which this reader does not read (it reads column mapping by name).");
        }

        var columns = new List<KeyValuePair<string, string>>();
        try
        {
            using var document = JsonDocument.Parse(state.Schema ?? "{}");
            if (document.RootElement.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Array)
            {
                foreach (var field in fields.EnumerateArray())
                {
                    if (field.TryGetProperty("name", out var name) && name.GetString() is { } logical)
                    {
                        var physical = field.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                            && metadata.TryGetProperty("delta.columnMapping.physicalName", out var p) && p.GetString() is { Length: > 0 } column
                            ? column
                            : logical;
                        columns.Add(KeyValuePair.Create(logical, physical));
                    }
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new LakeException($"The Delta table '{table}' has a schema in its log that is not valid JSON or not a Delta schema.");
        }

        return columns.Count > 0 ? columns : throw new LakeException($"The Delta table '{table}' maps its columns by name but its log has no schema.");
    }
}
