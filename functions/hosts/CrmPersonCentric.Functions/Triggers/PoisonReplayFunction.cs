using CrmPersonCentric.Application.Poison;
using CrmPersonCentric.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CrmPersonCentric.Functions.Triggers;

/// <summary>POST /api/admin/poison/replay[?id=] (admin key): puts kept payloads (all, or one) back into the inbox.</summary>
public sealed class PoisonReplayFunction(ReplayPoison poison)
{
    /// <summary>The function's name.</summary>
    public const string Name = "PoisonReplay";

    /// <summary>Replays the items.</summary>
    [Function(Name)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "admin/poison/replay")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var only = request.Query["id"].FirstOrDefault();
        var replayed = await poison.ReplayAsync(only, cancellationToken).ConfigureAwait(false);
        return replayed is null ? Problems.NotFound($"No poison item '{only}'.") : new OkObjectResult(replayed);
    }
}
