using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using CrmPersonCentric.Application;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Steps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmPersonCentric.Dataverse.Webhook;

/// <summary>
/// Processes one inbox message (one delivery, or a batch of deliveries stored together): read each payload, run the
/// plug-in step, and on a permanent problem (unreadable, rejected) or after the last allowed delivery of the message
/// move that payload to the poison store with the reason. A transient failure before the last delivery is rethrown
/// so the queue delivers the whole message again: deliveries already done are then duplicates (the row version makes
/// them change nothing) and a payload already poisoned replaces its own poison item. The deliveries of one message share
/// one service scope, so persona definitions are read once per message (see CachingPersonaSource). The last allowed
/// delivery is the inbox's (host.json's maxDequeueCount, the same number the Functions host and the standalone poller count).
/// </summary>
public sealed partial class InboxProcessor(
    IInbox inbox,
    IPoisonStore poison,
    IServiceScopeFactory scopes,
    Telemetry telemetry,
    TimeProvider time,
    ILogger<InboxProcessor> logger)
{
    /// <summary>
    /// Processes a queue message's text at its n-th delivery; Poisoned when any of its payloads was. Throws (so the queue
    /// delivers the message again) when a delivery failed transiently before the last allowed delivery.
    /// </summary>
    public async Task<InboxOutcome> ProcessAsync(string queueText, int dequeueCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queueText);
        using var activity = Telemetry.Source.StartActivity("inbox.process");
        IReadOnlyList<InboxMessage> deliveries;
        try
        {
            deliveries = inbox.Parse(queueText);
        }
        catch (FormatException ex)
        {
            await poison.KeepAsync(queueText, PoisonSources.Envelope, "Unreadable inbox message: " + ex.Message, false, cancellationToken: cancellationToken).ConfigureAwait(false);
            return Count(InboxOutcome.Poisoned);
        }

        activity?.SetTag("cpc.inbox.deliveries", deliveries.Count);
        var last = dequeueCount >= inbox.MaxDeliveries;
        await using var scope = scopes.CreateAsyncScope();
        var dispatcher = scope.ServiceProvider.GetRequiredService<PluginStepDispatcher>();
        var outcomes = new InboxOutcome[deliveries.Count];
        var failures = new ConcurrentQueue<ExceptionDispatchInfo>();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, deliveries.Count),
            new ParallelOptions { MaxDegreeOfParallelism = inbox.Parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                try
                {
                    outcomes[i] = await ProcessDeliveryAsync(dispatcher, deliveries[i], ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (last && !ct.IsCancellationRequested)
                {
                    outcomes[i] = await PoisonAfterFailuresAsync(deliveries[i], dequeueCount, ex, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    failures.Enqueue(ExceptionDispatchInfo.Capture(ex));
                }
            }).ConfigureAwait(false);

        if (failures.TryDequeue(out var failure))
        {
            failure.Throw(); // the queue delivers the message again
        }

        return outcomes.Contains(InboxOutcome.Poisoned) ? InboxOutcome.Poisoned : InboxOutcome.Completed;
    }

    private async Task<InboxOutcome> ProcessDeliveryAsync(PluginStepDispatcher dispatcher, InboxMessage message, CancellationToken cancellationToken)
    {
        if (await inbox.BodyOfAsync(message, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            // A large body's blob is gone (deleted, or an erasure took it): no retry brings it back. The envelope is kept.
            return await KeepEnvelopeAsync(message, "Its body blob is missing", cancellationToken).ConfigureAwait(false);
        }

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

    private async Task<InboxOutcome> PoisonAfterFailuresAsync(InboxMessage message, int dequeueCount, Exception ex, CancellationToken cancellationToken)
    {
        var body = message.Body ?? await TryBodyAsync(message, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return await KeepEnvelopeAsync(message, $"Failed {dequeueCount} times and its body blob is missing; last error {ExceptionNames.Of(ex)}", cancellationToken).ConfigureAwait(false);
        }

        var contact = WebhookContextReader.TryRead(body, null, out var failed, out _) ? ContactOf(failed!) : null;
        await PoisonAsync(message, body, $"Failed {dequeueCount} times; last error {Describe(ex)}", contact, cancellationToken).ConfigureAwait(false);
        return Count(InboxOutcome.Poisoned);
    }

    // What a poison reason says about a failure: types and status codes only. Exception messages can quote the data a
    // service rejected, and poison reasons are listed over HTTP.
    private static string Describe(Exception ex) => ex switch
    {
        Dataverse.WebApi.DataverseException dataverse => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ExceptionNames.Of(ex)} (HTTP {(int)dataverse.Status}{(dataverse.ErrorCode is { } code ? ", " + code : string.Empty)})"),
        Azure.RequestFailedException storage => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ExceptionNames.Of(ex)} (HTTP {storage.Status}{(storage.ErrorCode is { } code ? ", " + code : string.Empty)})"),
        _ => ExceptionNames.Of(ex),
    };

    private static string? ContactOf(RemoteExecutionContext context) =>
        string.Equals(context.PrimaryEntityName, Dataverse.Schema.Tables.Contact.Name, StringComparison.OrdinalIgnoreCase) ? context.PrimaryEntityId.ToString("D") : null;

    private async Task PoisonAsync(InboxMessage message, string body, string reason, string? contactId, CancellationToken cancellationToken)
    {
        var item = await poison.KeepAsync(body, PoisonSources.Inbox, reason, message.SizeExceeded, contactId, message, cancellationToken).ConfigureAwait(false);
        await inbox.CompleteAsync(message, cancellationToken).ConfigureAwait(false);
        LogPoisoned(logger, message.Id, item.Id);
    }

    // The body for the poison store after the last failed delivery: storage may be what failed, so a read that fails
    // too leaves the envelope kept instead.
    private async Task<string?> TryBodyAsync(InboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await inbox.BodyOfAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (TransientFaults.IsTransient(ex) || ex is Azure.RequestFailedException)
        {
            return null;
        }
    }

    // The body is gone: keep the envelope, marked so a replay re-enqueues it as it is.
    private async Task<InboxOutcome> KeepEnvelopeAsync(InboxMessage message, string reason, CancellationToken cancellationToken)
    {
        var item = await poison.KeepAsync(inbox.Serialize(message), PoisonSources.Envelope, reason, message.SizeExceeded, delivery: message, cancellationToken: cancellationToken).ConfigureAwait(false);
        LogPoisoned(logger, message.Id, item.Id);
        return Count(InboxOutcome.Poisoned);
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
