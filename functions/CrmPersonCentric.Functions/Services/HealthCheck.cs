using CrmPersonCentric.Dataverse.WebApi;
using CrmPersonCentric.Functions.Hosting;
using CrmPersonCentric.Functions.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Functions.Services;

/// <summary>GET /api/health: checks storage and configuration; 200 when healthy, 503 otherwise (no secrets in the answer).</summary>
public sealed class HealthCheck(StorageClients storage, IOptions<DataverseOptions> dataverse, HostingMode mode)
{
    /// <summary>Runs the checks.</summary>
    public async Task<IResult> CheckAsync(CancellationToken cancellationToken)
    {
        string storageStatus;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            // One cheap round trip (the first page of the table list) proves the account answers and the identity may read it.
            await storage.TableService.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).AsPages().GetAsyncEnumerator(timeout.Token).MoveNextAsync().ConfigureAwait(false);
            storageStatus = "healthy";
        }
        catch (Exception ex) when (Problems.IsTransient(ex) || ex is OperationCanceledException)
        {
            storageStatus = "unavailable: " + ex.GetType().Name;
        }

        var healthy = storageStatus == "healthy";
        var body = new HealthReport(healthy ? "healthy" : "unhealthy", mode.IsCustomHandler ? "custom-handler" : "standalone", storageStatus, new Uri(dataverse.Value.EnvironmentUrl).Host);
        return healthy ? Results.Ok(body) : Results.Json(body, FunctionsJsonContext.Default.HealthReport, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
