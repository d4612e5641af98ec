using CrmPersonCentric.Backend.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CrmPersonCentric.Functions.Triggers;

/// <summary>GET /api/health (anonymous): storage and configuration; 200 when healthy, 503 otherwise (no secrets in the answer).</summary>
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
        return new ObjectResult(report) { StatusCode = report.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable };
    }
}
