using System.Diagnostics;
using CrmPersonCentric.Dataverse.Steps;
using CrmPersonCentric.Dataverse.Webhook;
using CrmPersonCentric.Functions.Hosting;
using CrmPersonCentric.Functions.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Functions.Services;

/// <summary>
/// The Dataverse webhook: authenticate (done by the host or the standalone key check), persist the raw payload to the
/// durable inbox and answer 202 within milliseconds. Synchronous steps (drift rule validation) run inline because
/// Dataverse waits for their verdict. Malformed bodies get 400 and are kept in the poison store; a storage outage
/// gets 503 with Retry-After and keeps nothing half-written.
/// </summary>
public sealed partial class WebhookService(InboxStore inbox, PoisonStore poison, PluginStepDispatcher dispatcher, IOptions<StorageOptions> options, Telemetry telemetry, ILogger<WebhookService> logger)
{
    /// <summary>Handles one delivery.</summary>
    public async Task<IResult> AcceptAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = Telemetry.Source.StartActivity("webhook.accept");
        var limit = options.Value.MaxBodyBytes;
        var body = await BodyReader.ReadAsync(request, limit, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return Problems.TooLarge(limit);
        }

        var sizeExceeded = request.Headers.ContainsKey(WebhookContextReader.SizeExceededHeader);
        var headers = sizeExceeded ? new Dictionary<string, string> { [WebhookContextReader.SizeExceededHeader] = "true" } : null;
        try
        {
            if (!WebhookContextReader.TryRead(body, headers, out var context, out var error))
            {
                var kept = await poison.KeepAsync(body, "webhook", "Unreadable webhook body: " + error, sizeExceeded, cancellationToken: cancellationToken).ConfigureAwait(false);
                LogMalformed(logger, kept.Id);
                return Problems.BadRequest("Malformed webhook payload", error! + $" The body was kept for replay as poison item {kept.Id}.");
            }

            if (context!.IsSynchronous)
            {
                var result = await dispatcher.DispatchAsync(context, cancellationToken).ConfigureAwait(false);
                return result.Outcome == StepOutcome.Rejected
                    ? Problems.BadRequest(result.Message, result.Message, result.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()))
                    : Results.Ok(new StepResultBody(result.Outcome.ToString(), result.Message));
            }

            var message = await inbox.EnqueueAsync(body, sizeExceeded, cancellationToken).ConfigureAwait(false);
            telemetry.Accepted.Add(1);
            activity?.SetTag("cpc.inbox.id", message.Id);
            return Results.Accepted(value: new AcceptedDelivery(message.Id));
        }
        catch (Exception ex) when (Problems.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
        {
            LogUnavailable(logger, ex.GetType().Name);
            return Problems.Unavailable(request.HttpContext.Response, "Storage is unavailable; nothing was kept. Retry later: Dataverse retries once, and the nightly reconciliation repairs what a lost delivery leaves behind.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Malformed webhook body kept as poison item {PoisonId}")]
    private static partial void LogMalformed(ILogger logger, string poisonId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery refused with 503: storage unavailable ({ExceptionType})")]
    private static partial void LogUnavailable(ILogger logger, string exceptionType);
}
