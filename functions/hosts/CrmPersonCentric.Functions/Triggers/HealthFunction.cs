using CrmPersonCentric.Functions.Health;
using CrmPersonCentric.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CrmPersonCentric.Functions.Triggers;

/// <summary>
/// GET /api/health (anonymous): 200 <c>{"status":"healthy"}</c> when storage answers and every resource of the app
/// exists, 503 <c>{"status":"unhealthy"}</c> otherwise. Nothing else: which dependency failed, and why, is answered by
/// <see cref="HealthDetailsFunction"/> to callers with the admin key.
/// </summary>
public sealed class HealthFunction(HealthCheck health, HostName host)
{
    /// <summary>The function's name.</summary>
    public const string Name = "Health";

    /// <summary>Runs the checks.</summary>
    [Function(Name)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(host.Value, cancellationToken).ConfigureAwait(false);
        return new ObjectResult(new HealthStatus(report.Status)) { StatusCode = report.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable };
    }
}
