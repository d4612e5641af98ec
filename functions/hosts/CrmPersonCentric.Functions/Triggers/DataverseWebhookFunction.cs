using CrmPersonCentric.Dataverse.Webhook;
using CrmPersonCentric.Functions.Http;
using CrmPersonCentric.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Functions.Triggers;

/// <summary>
/// POST /api/dataverse-webhook (function key; Dataverse sends it as ?code=): the durable inbox. 202 once the payload is
/// stored, 400 for a malformed body (kept for replay), 413 over the size limit, 503 with Retry-After on any storage
/// failure; synchronous steps (drift rule validation) answer 200 (outcome Completed, or Skipped for an event no step
/// handles) or 400 with the field inline.
/// </summary>
public sealed class DataverseWebhookFunction(WebhookIntake intake, IOptions<StorageOptions> options)
{
    /// <summary>The function's name.</summary>
    public const string Name = "DataverseWebhook";

    /// <summary>Takes one delivery.</summary>
    [Function(Name)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "dataverse-webhook")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = options.Value.MaxBodyBytes;
        if (await BodyReader.ReadAsync(request, limit, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return Problems.TooLarge(limit);
        }

        var sizeExceeded = request.Headers.ContainsKey(WebhookContextReader.SizeExceededHeader);
        var answer = await intake.AcceptAsync(new WebhookDelivery(body, sizeExceeded), cancellationToken).ConfigureAwait(false);
        return answer.Verdict switch
        {
            WebhookVerdict.Accepted => new AcceptedResult(location: (string?)null, new AcceptedDelivery(answer.Detail)),
            WebhookVerdict.Valid => new OkObjectResult(new StepVerdict("Completed", answer.Detail)),
            WebhookVerdict.Skipped => new OkObjectResult(new StepVerdict("Skipped", answer.Detail + " The operation goes on unchanged.")),
            WebhookVerdict.Rejected => Problems.BadRequest(answer.Detail, answer.Detail, answer.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray())),
            WebhookVerdict.Malformed => Problems.BadRequest("Malformed webhook payload", answer.Detail),
            _ => Problems.Unavailable(request.HttpContext.Response, answer.Detail),
        };
    }
}
