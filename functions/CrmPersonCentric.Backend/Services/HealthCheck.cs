using CrmPersonCentric.Backend.Runtime;
using CrmPersonCentric.Backend.Storage;
using CrmPersonCentric.Dataverse.WebApi;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Backend.Services;

/// <summary>Checks storage and configuration (no secrets in the report).</summary>
public sealed class HealthCheck(StorageClients storage, IOptions<DataverseOptions> dataverse)
{
    /// <summary>Runs the checks; <paramref name="host"/> names the host the app runs in (functions or standalone).</summary>
    public async Task<HealthReport> CheckAsync(string host, CancellationToken cancellationToken = default)
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
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Any failure (an outage, a missing role, a credential that cannot sign in) is "unhealthy", never a 500.
            storageStatus = "unavailable: " + ExceptionNames.Of(ex);
        }

        var healthy = storageStatus == "healthy";
        return new HealthReport(healthy ? "healthy" : "unhealthy", host, storageStatus, new Uri(dataverse.Value.EnvironmentUrl).Host);
    }
}
