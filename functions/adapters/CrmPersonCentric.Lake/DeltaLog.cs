using System.Text.Json;
using DuckDB.NET.Data;

namespace CrmPersonCentric.Lake;

/// <summary>
/// The data files of a Delta table as of its latest version, from its transaction log (the Delta protocol,
/// github.com/delta-io/delta PROTOCOL.md): the last checkpoint named by <c>_delta_log/_last_checkpoint</c> (a Parquet
/// file, read with DuckDB), then every later <c>NNNNNNNNNNNNNNNNNNNN.json</c> commit in version order, each a line per
/// action: <c>add</c> makes a file part of the table, <c>remove</c> takes it out. Paths are URIs relative to the table's
/// folder (percent-encoded). DuckDB's own Delta reader is an extension it downloads, which a locked-down machine cannot.
/// </summary>
internal static class DeltaLog
{
    /// <summary>The log folder's name.</summary>
    public const string Folder = "_delta_log";

    /// <summary>True when the folder is a Delta table.</summary>
    public static bool IsTable(string folder) => Directory.Exists(Path.Combine(folder, Folder));

    /// <summary>The table's live data files, full paths, in a stable order.</summary>
    public static IReadOnlyList<string> ActiveFiles(string table, DuckDBConnection connection)
    {
        var log = Path.Combine(table, Folder);
        var files = new HashSet<string>(StringComparer.Ordinal);
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
            using var command = connection.CreateCommand();
            command.CommandText = $"select add.path from read_parquet({Sql.List(checkpoints)}) where add is not null and add.path is not null";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                files.Add(reader.GetString(0));
            }
        }

        foreach (var (version, path) in Directory.EnumerateFiles(log, "*.json")
            .Select(f => (Version: long.TryParse(Path.GetFileNameWithoutExtension(f), out var v) ? v : -1, Path: f))
            .Where(c => c.Version > fromVersion)
            .OrderBy(c => c.Version))
        {
            foreach (var line in File.ReadLines(path))
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                using var action = JsonDocument.Parse(line);
                if (action.RootElement.TryGetProperty("add", out var add) && add.TryGetProperty("path", out var added))
                {
                    files.Add(added.GetString()!);
                }
                else if (action.RootElement.TryGetProperty("remove", out var remove) && remove.TryGetProperty("path", out var removed))
                {
                    files.Remove(removed.GetString()!);
                }
            }

            _ = version;
        }

        return [.. files.Order(StringComparer.Ordinal).Select(f => Path.GetFullPath(Path.Combine(table, Uri.UnescapeDataString(f))))];
    }
}
