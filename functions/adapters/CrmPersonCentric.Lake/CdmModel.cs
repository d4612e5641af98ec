using System.Text.Json;

namespace CrmPersonCentric.Lake;

/// <summary>
/// The older Synapse Link layout: CSV files without a header row, one folder per table, described by the Common Data
/// Model's <c>model.json</c> at the container's root (learn.microsoft.com/common-data-model/model-json):
/// <c>entities[].name</c>, the columns in file order as <c>entities[].attributes[].name</c> (with <c>dataType</c>), the
/// files as <c>entities[].partitions[].location</c> (full URIs of the storage account; here taken relative to the
/// folder the export was copied to: its last two segments, table folder and file).
/// </summary>
internal sealed class CdmModel
{
    /// <summary>The manifest's file name.</summary>
    public const string FileName = "model.json";

    private readonly Dictionary<string, (string[] Columns, string[] Files)> _entities;

    private CdmModel(Dictionary<string, (string[] Columns, string[] Files)> entities) => _entities = entities;

    /// <summary>Reads the manifest of an export folder.</summary>
    /// <exception cref="LakeException">The manifest does not parse or lacks what is read from it.</exception>
    public static CdmModel Read(string root)
    {
        var path = Path.Combine(root, FileName);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException)
        {
            throw new LakeException($"{FileName} is not valid JSON.");
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("entities", out var entities) || entities.ValueKind != JsonValueKind.Array)
            {
                throw new LakeException($"{FileName} has no 'entities' array.");
            }

            var result = new Dictionary<string, (string[], string[])>(StringComparer.OrdinalIgnoreCase);
            foreach (var entity in entities.EnumerateArray())
            {
                if (!entity.TryGetProperty("name", out var name) || name.GetString() is not { Length: > 0 } table)
                {
                    continue;
                }

                var columns = entity.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Array
                    ? attributes.EnumerateArray().Select(a => a.TryGetProperty("name", out var n) ? n.GetString() ?? string.Empty : string.Empty).ToArray()
                    : [];
                var files = entity.TryGetProperty("partitions", out var partitions) && partitions.ValueKind == JsonValueKind.Array
                    ? partitions.EnumerateArray().Select(p => p.TryGetProperty("location", out var l) ? Local(root, table, l.GetString()) : null).OfType<string>().ToArray()
                    : [];
                if (files.Length == 0 && Directory.Exists(Path.Combine(root, table)))
                {
                    files = [.. Directory.EnumerateFiles(Path.Combine(root, table), "*.csv").Order(StringComparer.Ordinal)];
                }

                result[table] = (columns, files);
            }

            return new CdmModel(result);
        }
    }

    /// <summary>The columns (file order) and files of a table, or null when the manifest does not list it.</summary>
    public (string[] Columns, string[] Files)? Table(string name) => _entities.TryGetValue(name, out var e) ? e : null;

    private static string? Local(string root, string table, string? location)
    {
        if (string.IsNullOrWhiteSpace(location))
        {
            return null;
        }

        var path = Uri.TryCreate(location, UriKind.Absolute, out var uri) ? Uri.UnescapeDataString(uri.AbsolutePath) : location;
        var file = Path.GetFileName(path);
        var local = Path.Combine(root, table, file);
        return File.Exists(local) ? local : null;
    }
}
