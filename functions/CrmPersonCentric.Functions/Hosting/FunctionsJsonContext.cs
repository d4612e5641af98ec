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

/// <summary>The health endpoint's answer.</summary>
/// <param name="Status">healthy or unhealthy.</param>
/// <param name="Mode">custom-handler or standalone.</param>
/// <param name="Storage">healthy, or unavailable with the exception type.</param>
/// <param name="Dataverse">The configured environment's host name.</param>
public sealed record HealthReport(string Status, string Mode, string Storage, string Dataverse);

/// <summary>The poison replay's answer.</summary>
/// <param name="Replayed">Ids of the replayed items.</param>
public sealed record ReplayResult(IReadOnlyList<string> Replayed);

/// <summary>One rejected signal record.</summary>
/// <param name="Record">1-based position of the record in the request (0: the request as a whole).</param>
/// <param name="Field">The field at fault.</param>
/// <param name="Message">Why.</param>
public sealed record RejectedRecord(int Record, string Field, string Message);

/// <summary>The signal ingestion's answer.</summary>
/// <param name="Accepted">Signals stored.</param>
/// <param name="Rejected">Records not stored, with the reason.</param>
public sealed record IngestionResult(int Accepted, IReadOnlyList<RejectedRecord> Rejected);

/// <summary>The answer to a synchronous webhook delivery, processed inline.</summary>
/// <param name="Outcome">The step's outcome.</param>
/// <param name="Message">The step's message.</param>
public sealed record StepResultBody(string Outcome, string? Message);

/// <summary>The answer to an accepted webhook delivery.</summary>
/// <param name="Id">The inbox id of the delivery.</param>
public sealed record AcceptedDelivery(string Id);
