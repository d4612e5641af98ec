using System.Text.Json;
using System.Text.Json.Serialization;
using CrmPersonCentric.Backend.Services;
using CrmPersonCentric.Backend.Storage;

namespace CrmPersonCentric.Backend.Runtime;

/// <summary>Source-generated JSON of what the backend stores itself: inbox queue messages and ingested signal records.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(InboxMessage))]
[JsonSerializable(typeof(InboxBatch))]
[JsonSerializable(typeof(SignalRecord))]
internal sealed partial class BackendJsonContext : JsonSerializerContext;
