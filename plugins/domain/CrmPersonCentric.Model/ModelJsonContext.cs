using System.Text.Json;
using System.Text.Json.Serialization;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Model;

/// <summary>Source-generated JSON metadata of the model's files (camelCase; trailing commas and comments allowed).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(List<TaxonomyEntry>))]
[JsonSerializable(typeof(List<ThemeEntry>))]
public sealed partial class ModelJsonContext : JsonSerializerContext;
