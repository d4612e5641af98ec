using System.Collections.Immutable;
using CrmPersonCentric.Application;
using CrmPersonCentric.Dataverse.WebApi;
using CrmPersonCentric.Lake;
using CrmPersonCentric.Storage;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Functions.Health;

/// <summary>
/// Checks that storage answers and that every table, queue and container of the app exists. A resource found missing
/// makes this check unhealthy and is recreated by it (as the next request to use it would), so a later check is
/// healthy again. With <c>Lake:Path</c> set, the folder must hold a lake export (a share that is not mounted fails here
/// rather than at the next evaluation). The report names no secret; which dependency failed and why is for the admin
/// endpoint only.
/// </summary>
public sealed class HealthCheck(StorageClients storage, IOptions<DataverseOptions> dataverse, IOptions<LakeOptions> lake)
{
    /// <summary>How long the storage round trips may take before storage counts as unavailable.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Runs the checks; <paramref name="host"/> names the host the app runs in (functions or standalone).</summary>
    public async Task<HealthReport> CheckAsync(string host, CancellationToken cancellationToken = default)
    {
        string storageStatus;
        ImmutableArray<string> missing = [];
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            // A new process creates its resources once (as its first request would); after that, one found missing was
            // deleted under the running app.
            await storage.EnsureCreatedAsync(timeout.Token).ConfigureAwait(false);
            var absent = await storage.MissingResourcesAsync(timeout.Token).ConfigureAwait(false);
            missing = [.. absent.Select(r => r.ToString())];
            storageStatus = absent.Count == 0 ? "healthy" : "missing";
            if (absent.Count > 0)
            {
                await storage.RecreateAsync(absent, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Any failure (an outage, a missing role, a credential that cannot sign in) is "unhealthy", never a 500.
            storageStatus = "unavailable: " + ExceptionNames.Of(ex);
        }

        var lakeStatus = LakeStatus(lake.Value.Path);
        var healthy = storageStatus == "healthy" && lakeStatus is null or "healthy";
        return new HealthReport(healthy ? "healthy" : "unhealthy", host, storageStatus, missing, new Uri(dataverse.Value.EnvironmentUrl).Host, lakeStatus);
    }

    private static string? LakeStatus(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        try
        {
            return DataverseLake.Holds(path) ? "healthy" : "missing";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return "unavailable: " + ExceptionNames.Of(ex);
        }
    }
}
