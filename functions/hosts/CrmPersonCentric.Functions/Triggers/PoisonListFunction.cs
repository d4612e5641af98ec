using CrmPersonCentric.Application.Poison;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CrmPersonCentric.Functions.Triggers;

/// <summary>GET /api/admin/poison (admin key): the kept payloads, newest first (ids, sources and reasons, never bodies).</summary>
public sealed class PoisonListFunction(ReplayPoison poison)
{
    /// <summary>The function's name.</summary>
    public const string Name = "PoisonList";

    /// <summary>Lists the items.</summary>
    [Function(Name)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "admin/poison")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new OkObjectResult(await poison.ListAsync(cancellationToken).ConfigureAwait(false));
}
