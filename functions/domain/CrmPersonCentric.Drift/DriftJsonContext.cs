using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using CrmPersonCentric.Drift.Rules;

namespace CrmPersonCentric.Drift;

/// <summary>Source-generated JSON metadata of the rules file (the same settings as the model's files).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(DriftRule))]
[JsonSerializable(typeof(List<DriftRule>))]
[JsonSerializable(typeof(ImmutableArray<DriftRule>))]
public sealed partial class DriftJsonContext : JsonSerializerContext;
