using CrmPersonCentric.Application;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Steps;
using Microsoft.Extensions.Logging;

namespace CrmPersonCentric.Dataverse.Webhook;

/// <summary>
/// The Dataverse webhook's intake: persist the raw payload to the durable inbox so the function can answer 202 within
/// milliseconds. Synchronous steps (drift rule validation) run inline because Dataverse waits for their verdict.
/// Malformed bodies are kept in the poison store; a storage outage keeps nothing half-written.
/// </summary>
public sealed partial class WebhookIntake(IInbox inbox, IPoisonStore poison, PluginStepDispatcher dispatcher, Telemetry telemetry, ILogger<WebhookIntake> logger)
{
    /// <summary>Takes one delivery.</summary>
    public async Task<WebhookAcceptance> AcceptAsync(WebhookDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        using var activity = Telemetry.Source.StartActivity("webhook.accept");
        var headers = delivery.SizeExceeded ? new Dictionary<string, string> { [WebhookContextReader.SizeExceededHeader] = "true" } : null;
        try
        {
            if (!WebhookContextReader.TryRead(delivery.Body, headers, out var context, out var error))
            {
                var kept = await poison.KeepAsync(delivery.Body, PoisonSources.Webhook, "Unreadable webhook body: " + error, delivery.SizeExceeded, cancellationToken: cancellationToken).ConfigureAwait(false);
                LogMalformed(logger, kept.Id);
                return new(WebhookVerdict.Malformed, error! + $" The body was kept for replay as poison item {kept.Id}.", [], kept.Id);
            }

            if (context!.IsSynchronous)
            {
                var result = await dispatcher.DispatchAsync(context, cancellationToken).ConfigureAwait(false);
                return result.Outcome switch
                {
                    StepOutcome.Rejected => new(WebhookVerdict.Rejected, result.Message, result.Errors, null),
                    StepOutcome.Skipped => new(WebhookVerdict.Skipped, result.Message, [], null),
                    _ => new(WebhookVerdict.Valid, result.Message, [], null),
                };
            }

            var message = await inbox.EnqueueAsync(delivery.Body, delivery.SizeExceeded, cancellationToken).ConfigureAwait(false);
            telemetry.Accepted.Add(1);
            activity?.SetTag("cpc.inbox.id", message.Id);
            return new(WebhookVerdict.Accepted, message.Id, [], null);
        }
        catch (Exception ex) when ((TransientFaults.IsTransient(ex) || ex is Azure.RequestFailedException) && !cancellationToken.IsCancellationRequested)
        {
            // Any storage failure, not only an outage: Dataverse retries a 503 (and only a 502/503/504), while a 500
            // would lose the delivery until the nightly reconciliation. A resource that had vanished was recreated and
            // the request retried below this point (MissingResourcePolicy); what still fails here, failed after that.
            LogUnavailable(logger, ExceptionNames.Of(ex));
            return new(WebhookVerdict.Unavailable, "Storage is unavailable; nothing was kept. Retry later: Dataverse retries once, and the nightly reconciliation repairs what a lost delivery leaves behind.", [], null);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Malformed webhook body kept as poison item {PoisonId}")]
    private static partial void LogMalformed(ILogger logger, string poisonId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery refused: storage unavailable ({ExceptionType})")]
    private static partial void LogUnavailable(ILogger logger, string exceptionType);
}
