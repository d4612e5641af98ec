using System.Text.Json;
using System.Text.Json.Serialization;
using CrmPersonCentric.Application.History;
using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Storage;

/// <summary>Source-generated JSON of what the backend stores itself: inbox queue messages.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(InboxMessage))]
[JsonSerializable(typeof(InboxBatch))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;

/// <summary>Source-generated JSON of the trend points kept in the trends table (NaN allowed: a persona without people has no mean fit).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(TrendPoint))]
internal sealed partial class TrendJsonContext : JsonSerializerContext;
