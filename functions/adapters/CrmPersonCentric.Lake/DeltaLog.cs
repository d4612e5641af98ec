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
/// or a reader feature outside <see cref="SupportedFeatures"/>. Column mapping (reader version 2, or the
/// <c>columnMapping</c> feature) is applied: each column of the schema whose metadata names a
/// <c>delta.columnMapping.physicalName</c> is read from that Parquet column under its logical name. Deletion vectors are
/// applied: the rows a live file's vector marks (<see cref="DeletionVector"/>) are left out of the table — read without
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
    /// <param name="PhysicalNames">Logical column name → the Parquet column it is read from, when the table maps columns (else empty).</param>
    /// <param name="Deleted">Per live file with a deletion vector (its full path, as in <paramref name="Files"/>), the positions of its deleted rows.</param>
    public sealed record Snapshot(IReadOnlyList<string> Files, IReadOnlyDictionary<string, string> PhysicalNames, IReadOnlyDictionary<string, long[]> Deleted);

    /// <summary>The table's live data files and column names, checked against what this reader supports.</summary>
    /// <exception cref="LakeException">The table needs a reader feature this reader does not implement, or a deletion vector cannot be read.</exception>
    public static Snapshot Read(string table, DuckDBConnection connection)
    {
        var name = Path.GetFileName(table);
        var log = Path.Combine(table, Folder);
        var files = new Dictionary<string, DeletionVector?>(StringComparer.Ordinal);
        var protocol = (Reader: 1, Features: (IReadOnlyList<string>)[]);
        string? schema = null;
        long fromVersion = -1;
        var pointer = Path.Combine(log, "_last_checkpoint");
        if (File.Exists(pointer))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(pointer));
            fromVersion = document.RootElement.GetProperty("version").GetInt64();
            var parts = document.RootElement.TryGetProperty("parts", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : 0;
            var checkpoints = parts == 0
                ? [Path.Combine(log, $"{fromVersion:D20}.checkpoint.parquet")]
                : Enumerable.Range(1, parts).Select(i => Path.Combine(log, $"{fromVersion:D20}.checkpoint.{i:D10}.{parts:D10}.parquet")).ToArray();
            ReadCheckpoint(name, Sql.List(checkpoints), connection, files, ref protocol, ref schema);
        }

        foreach (var path in Directory.EnumerateFiles(log, "*.json")
            .Select(f => (Version: long.TryParse(Path.GetFileNameWithoutExtension(f), out var v) ? v : -1, Path: f))
            .Where(c => c.Version > fromVersion)
            .OrderBy(c => c.Version)
            .Select(c => c.Path))
        {
            foreach (var line in File.ReadLines(path))
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                using var action = JsonDocument.Parse(line);
                var root = action.RootElement;
                if (root.TryGetProperty("add", out var add) && add.TryGetProperty("path", out var added))
                {
                    files[added.GetString()!] = add.TryGetProperty("deletionVector", out var vector) && vector.ValueKind == JsonValueKind.Object ? VectorOf(name, vector) : null;
                }
                else if (root.TryGetProperty("remove", out var remove) && remove.TryGetProperty("path", out var removed))
                {
                    files.Remove(removed.GetString()!);
                }
                else if (root.TryGetProperty("protocol", out var declared))
                {
                    protocol = (
                        declared.TryGetProperty("minReaderVersion", out var version) && version.TryGetInt32(out var v) ? v : 1,
                        declared.TryGetProperty("readerFeatures", out var features) && features.ValueKind == JsonValueKind.Array
                            ? [.. features.EnumerateArray().Select(f => f.GetString() ?? string.Empty)]
                            : []);
                }
                else if (root.TryGetProperty("metaData", out var metaData) && metaData.TryGetProperty("schemaString", out var schemaString))
                {
                    schema = schemaString.GetString();
                }
            }
        }

        Check(name, protocol.Reader, protocol.Features);
        string Full(string file) => Path.GetFullPath(Path.Combine(table, Uri.UnescapeDataString(file)));
        return new Snapshot(
            [.. files.Keys.Order(StringComparer.Ordinal).Select(Full)],
            PhysicalNames(name, schema),
            files.Where(f => f.Value is not null).ToDictionary(f => Full(f.Key), f => f.Value!.Rows(table), StringComparer.Ordinal));
    }

    /// <summary>An <c>add</c> action's deletion vector descriptor.</summary>
    private static DeletionVector VectorOf(string table, JsonElement vector)
    {
        string? Text(string field) => vector.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        long? Number(string field) => vector.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;
        return Text("storageType") is { } type && Text("pathOrInlineDv") is { } where && Number("sizeInBytes") is { } size and >= 0 and <= int.MaxValue && Number("cardinality") is { } cardinality
            ? new DeletionVector(type, where, Number("offset") is { } offset ? checked((int)offset) : null, (int)size, cardinality)
            : throw new LakeException($"The Delta table '{table}' has a deletion vector descriptor without its storage type, location, size or cardinality.");
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
    private static void ReadCheckpoint(string table, string checkpoints, DuckDBConnection connection, Dictionary<string, DeletionVector?> files, ref (int Reader, IReadOnlyList<string> Features) protocol, ref string? schema)
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

        // A struct's type as DuckDB describes it names its fields, quoted when they have capitals: STRUCT(path VARCHAR, "deletionVector" STRUCT(…), …).
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
                files[reader.GetString(0)] = reader.IsDBNull(1)
                    ? null
                    : !reader.IsDBNull(2) && Number(4) is { } size and >= 0 and <= int.MaxValue && Number(5) is { } cardinality
                        ? new DeletionVector(reader.GetString(1), reader.GetString(2), Number(3) is { } offset ? checked((int)offset) : null, (int)size, cardinality)
                        : throw new LakeException($"The Delta table '{table}' has a deletion vector descriptor without its storage type, location, size or cardinality.");
            }
        }

        if (types.ContainsKey("protocol"))
        {
            var features = Has("protocol", "readerFeatures") ? "array_to_string(protocol.readerFeatures, ',')" : "null::varchar";
            command.CommandText = $"select protocol.minReaderVersion, {features} from read_parquet({checkpoints}) where protocol is not null limit 1";
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                protocol = (
                    reader.IsDBNull(0) ? 1 : Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
                    reader.IsDBNull(1) ? [] : reader.GetString(1).Split(',', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        if (Has("metaData", "schemaString"))
        {
            command.CommandText = $"select metaData.schemaString from read_parquet({checkpoints}) where metaData is not null limit 1";
            if (command.ExecuteScalar() is string text)
            {
                schema = text;
            }
        }
    }

    /// <summary>
    /// Logical → physical column names from the schema's column mapping metadata (top-level columns: a Dataverse table's
    /// columns are flat); empty when the table does not map columns. Resolved by name also in the mapping's <c>id</c> mode,
    /// whose writers give the Parquet columns the same physical names.
    /// </summary>
    private static Dictionary<string, string> PhysicalNames(string table, string? schema)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(schema))
        {
            return names;
        }

        try
        {
            using var document = JsonDocument.Parse(schema);
            if (!document.RootElement.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Array)
            {
                return names;
            }

            foreach (var field in fields.EnumerateArray())
            {
                if (field.TryGetProperty("name", out var name) && name.GetString() is { } logical
                    && field.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
                    && metadata.TryGetProperty("delta.columnMapping.physicalName", out var physical) && physical.GetString() is { Length: > 0 } column)
                {
                    names[logical] = column;
                }
            }
        }
        catch (JsonException)
        {
            throw new LakeException($"The Delta table '{table}' has a schema in its log that is not valid JSON.");
        }

        return names;
    }
}
