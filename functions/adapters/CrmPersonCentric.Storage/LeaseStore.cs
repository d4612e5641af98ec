using Azure;
using Azure.Data.Tables;

using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Storage;

/// <summary>The leases table: named leases that keep runs (evaluations) from overlapping across instances.</summary>
public sealed class LeaseStore(StorageClients storage, TimeProvider time) : ILeases
{
    private const string LeasePartition = "lease";

    /// <summary>Takes the named lease for the duration; returns a token to release it, or null when another holder has it.</summary>
    public async Task<string?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var table = storage.Table(TableNames.Leases);
        var token = Guid.NewGuid().ToString("N");
        var now = time.GetUtcNow();
        var entity = new TableEntity(LeasePartition, name) { ["Holder"] = token, ["ExpiresOn"] = now + duration };
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(LeasePartition, name, cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            if (!existing.HasValue)
            {
                await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                return token;
            }

            if (existing.Value!.GetDateTimeOffset("ExpiresOn") > now)
            {
                return null;
            }

            await table.UpdateEntityAsync(entity, existing.Value.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return token;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
    }

    /// <summary>Releases a lease this holder took (a lease taken over after expiry is left alone).</summary>
    public async Task ReleaseAsync(string name, string token, CancellationToken cancellationToken = default)
    {
        var table = storage.Table(TableNames.Leases);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(LeasePartition, name, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (existing.HasValue && existing.Value!.GetString("Holder") == token)
        {
            try
            {
                await table.DeleteEntityAsync(LeasePartition, name, existing.Value.ETag, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Expired and taken over meanwhile: nothing of ours to release.
            }
        }
    }
}
