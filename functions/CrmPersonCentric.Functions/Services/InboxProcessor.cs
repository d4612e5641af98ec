using System.Text.Json;
using CrmPersonCentric.Dataverse.Steps;
using CrmPersonCentric.Dataverse.Webhook;
using CrmPersonCentric.Functions.Hosting;
using CrmPersonCentric.Functions.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Functions.Services;

/// <summary>
/// Processes one inbox message: read the payload, run the plug-in step, and on a permanent problem (unreadable,
/// rejected) or after the last allowed delivery move it to the poison store with the reason. A transient failure
/// before the last delivery is rethrown so the queue delivers it again.
/// </summary>
public sealed partial class InboxProcessor(InboxStore inbox, PoisonStore poison, PluginStepDispatcher dispatcher, IOptions<StorageOptions> options, Telemetry telemetry, TimeProvider time, ILogger<InboxProcessor> logger)
{
    /// <summary>Processes a queue message's text at its n-th delivery.</summary>
    public async Task<InboxOutcome> ProcessAsync(string queueText, int dequeueCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queueText);
        using var activity = Telemetry.Source.StartActivity("inbox.process");
        InboxMessage message;
        try
        {
            message = InboxStore.Parse(queueText);
        }
        catch (JsonException ex)
        {
            await poison.KeepAsync(queueText, "inbox-envelope", "Unreadable inbox message: " + ex.Message, false, cancellationToken: cancellationToken).ConfigureAwait(false);
            return Count(InboxOutcome.Poisoned);
        }

        try
        {
            var body = await inbox.BodyOfAsync(message, cancellationToken).ConfigureAwait(false);
            var headers = message.SizeExceeded ? new Dictionary<string, string> { [WebhookContextReader.SizeExceededHeader] = "true" } : null;
            if (!WebhookContextReader.TryRead(body, headers, out var context, out var error))
            {
                await PoisonAsync(message, body, "Unreadable webhook body: " + error, null, cancellationToken).ConfigureAwait(false);
                return Count(InboxOutcome.Poisoned);
            }

            var result = await dispatcher.DispatchAsync(context!, cancellationToken).ConfigureAwait(false);
            if (result.Outcome == StepOutcome.Rejected)
            {
                await PoisonAsync(message, body, "Rejected by the step: " + result.Message, ContactOf(context!), cancellationToken).ConfigureAwait(false);
                return Count(InboxOutcome.Poisoned);
            }

            await inbox.CompleteAsync(message, cancellationToken).ConfigureAwait(false);
            telemetry.ProcessingLatency.Record((time.GetUtcNow() - message.ReceivedOn).TotalMilliseconds);
            LogProcessed(logger, message.Id, context!.MessageName, context.PrimaryEntityName, result.Outcome);
            return Count(InboxOutcome.Completed);
        }
        catch (Exception ex) when (dequeueCount >= options.Value.MaxDequeueCount && ex is not OperationCanceledException)
        {
            var body = message.Body ?? await TryBodyAsync(message, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                // The body is gone: keep the envelope, marked so a replay re-enqueues it as it is.
                await poison.KeepAsync(queueText, "inbox-envelope", $"Failed {dequeueCount} times and its body blob is missing; last error {ex.GetType().Name}", message.SizeExceeded, cancellationToken: cancellationToken).ConfigureAwait(false);
                return Count(InboxOutcome.Poisoned);
            }

            var contact = WebhookContextReader.TryRead(body, null, out var failed, out _) ? ContactOf(failed!) : null;
            await PoisonAsync(message, body, $"Failed {dequeueCount} times; last error {ex.GetType().Name}: {ex.Message}", contact, cancellationToken).ConfigureAwait(false);
            return Count(InboxOutcome.Poisoned);
        }
    }

    private static string? ContactOf(RemoteExecutionContext context) =>
        string.Equals(context.PrimaryEntityName, Dataverse.Schema.Tables.Contact.Name, StringComparison.OrdinalIgnoreCase) ? context.PrimaryEntityId.ToString("D") : null;

    private async Task PoisonAsync(InboxMessage message, string body, string reason, string? contactId, CancellationToken cancellationToken)
    {
        var item = await poison.KeepAsync(body, "inbox", reason, message.SizeExceeded, contactId, cancellationToken).ConfigureAwait(false);
        await inbox.CompleteAsync(message, cancellationToken).ConfigureAwait(false);
        LogPoisoned(logger, message.Id, item.Id);
    }

    private async Task<string?> TryBodyAsync(InboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await inbox.BodyOfAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException)
        {
            return null;
        }
    }

    private InboxOutcome Count(InboxOutcome outcome)
    {
        telemetry.Processed.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString()));
        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Processed inbox message {InboxId}: {Message} of {Table}, {Outcome}")]
    private static partial void LogProcessed(ILogger logger, string inboxId, string message, string table, StepOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox message {InboxId} moved to poison item {PoisonId}")]
    private static partial void LogPoisoned(ILogger logger, string inboxId, string poisonId);
}
