using System.Text.Json;
using System.Text.Json.Serialization;
using CrmPersonCentric.Functions.Services;
using CrmPersonCentric.Functions.Storage;

namespace CrmPersonCentric.Functions.Hosting;

/// <summary>
/// Source-generated JSON metadata of everything the app reads and writes: HTTP answers, host invocations, inbox
/// messages, function.json files and signal records. The Native AOT executable has no reflection-based JSON.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(InboxMessage))]
[JsonSerializable(typeof(InboxBatch))]
[JsonSerializable(typeof(InvocationRequest))]
[JsonSerializable(typeof(InvocationResponse))]
[JsonSerializable(typeof(FunctionManifest.FunctionFile))]
[JsonSerializable(typeof(SignalRecord))]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(EvaluationSummary))]
[JsonSerializable(typeof(ReconciliationResult))]
[JsonSerializable(typeof(IReadOnlyList<PoisonItem>))]
[JsonSerializable(typeof(List<PoisonItem>))]
[JsonSerializable(typeof(ReplayResult))]
[JsonSerializable(typeof(IngestionResult))]
[JsonSerializable(typeof(StepResultBody))]
[JsonSerializable(typeof(AcceptedDelivery))]
[JsonSerializable(typeof(string))]
internal sealed partial class FunctionsJsonContext : JsonSerializerContext;
