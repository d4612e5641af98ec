using CrmPersonCentric.Functions.Hosting;
using CrmPersonCentric.Functions.Storage;
using Microsoft.AspNetCore.Http;

namespace CrmPersonCentric.Functions.Services;

/// <summary>GET /api/admin/poison lists kept payloads (never their bodies); POST /api/admin/poison/replay[?id=] puts them back in the inbox.</summary>
public sealed class PoisonAdmin(PoisonStore poison, InboxStore inbox)
{
    /// <summary>Handles a request.</summary>
    public async Task<IResult> HandleAsync(HttpRequest request, string? action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (HttpMethods.IsGet(request.Method) && action is null)
        {
            return Results.Ok(await poison.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false));
        }

        if (!HttpMethods.IsPost(request.Method) || action != "replay")
        {
            return Problems.BadRequest("Unknown poison action", "Use GET /api/admin/poison or POST /api/admin/poison/replay[?id=<item id>].");
        }

        var only = request.Query["id"].FirstOrDefault();
        var replayed = new List<string>();
        foreach (var item in await poison.ListAsync(1000, cancellationToken).ConfigureAwait(false))
        {
            if (only is not null && item.Id != only)
            {
                continue;
            }

            var body = await poison.BodyOfAsync(item.Id, cancellationToken).ConfigureAwait(false);
            if (body is not null && item.Source == "inbox-envelope")
            {
                await inbox.RequeueEnvelopeAsync(body, cancellationToken).ConfigureAwait(false);
            }
            else if (body is not null && item.Source != "signals")
            {
                await inbox.EnqueueAsync(body, item.SizeExceeded, cancellationToken).ConfigureAwait(false);
            }

            await poison.RemoveAsync(item.Id, cancellationToken).ConfigureAwait(false);
            replayed.Add(item.Id);
        }

        return only is not null && replayed.Count == 0
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No poison item '{only}'.")
            : Results.Ok(new ReplayResult(replayed));
    }
}
