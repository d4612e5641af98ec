using CrmPersonCentric.Functions.Health;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CrmPersonCentric.Functions.Triggers;

/// <summary>
/// GET /api/admin/health (admin key): the health check with its details: the host, storage's state (healthy, the
/// resources found missing and recreated, or the exception type that made it unavailable) and the Dataverse
/// environment's host name. 200 when healthy, 503 otherwise.
/// </summary>
public sealed class HealthDetailsFunction(HealthCheck health, HostName host)
{
    /// <summary>The function's name.</summary>
    public const string Name = "HealthDetails";

    /// <summary>Runs the checks.</summary>
    [Function(Name)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "admin/health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(host.Value, cancellationToken).ConfigureAwait(false);
        return new ObjectResult(report) { StatusCode = report.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable };
    }
}
