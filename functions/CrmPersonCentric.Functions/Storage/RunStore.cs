using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CrmPersonCentric.Reports;

namespace CrmPersonCentric.Functions.Storage;

/// <summary>Run history, metric time series for trends, and the lease that keeps evaluations from overlapping.</summary>
public sealed class RunStore(StorageClients storage, TimeProvider time)
{
    private const string LeasePartition = "lease";

    /// <summary>Takes the named lease for the duration; returns a token to release it, or null when another holder has it.</summary>
    public async Task<string?> TryAcquireLeaseAsync(string name, TimeSpan duration, CancellationToken cancellationToken = default)
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
    public async Task ReleaseLeaseAsync(string name, string token, CancellationToken cancellationToken = default)
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

    /// <summary>Records a run's outcome and its trend points (one per persona and as-of date: a re-run replaces).</summary>
    public async Task RecordRunAsync(RunRecord run, IEnumerable<TrendPoint> points, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(points);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await storage.Table(TableNames.Runs).UpsertEntityAsync(new TableEntity("run", TableKeys.Descending(run.StartedOn))
        {
            ["Trigger"] = run.Trigger,
            ["StartedOn"] = run.StartedOn,
            ["DurationMs"] = run.DurationMs,
            ["AsOf"] = run.AsOf,
            ["Contacts"] = run.Contacts,
            ["DriftFindings"] = run.DriftFindings,
            ["Suggestions"] = run.Suggestions,
            ["Outcome"] = run.Outcome,
        }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        var trends = storage.Table(TableNames.Trends);
        foreach (var point in points)
        {
            await trends.UpsertEntityAsync(new TableEntity(TableKeys.Encode(point.PersonaId), point.AsOf.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture))
            {
                ["Point"] = JsonSerializer.Serialize(point, ReportsJsonContext.Default.TrendPoint),
            }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The trend points of the given personas, oldest first.</summary>
    public async Task<IReadOnlyList<TrendPoint>> TrendsAsync(IEnumerable<string> personaIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(personaIds);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var points = new List<TrendPoint>();
        foreach (var persona in personaIds)
        {
            await foreach (var row in storage.Table(TableNames.Trends).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Encode(persona)}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (JsonSerializer.Deserialize(row.GetString("Point"), ReportsJsonContext.Default.TrendPoint) is { } point)
                {
                    points.Add(point);
                }
            }
        }

        return [.. points.OrderBy(p => p.AsOf)];
    }

    /// <summary>The most recent runs, newest first.</summary>
    public async Task<IReadOnlyList<RunRecord>> RecentRunsAsync(int max, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var runs = new List<RunRecord>();
        await foreach (var row in storage.Table(TableNames.Runs).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"run"}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            runs.Add(new RunRecord(row.GetString("Trigger"), row.GetDateTimeOffset("StartedOn") ?? default, row.GetInt64("DurationMs") ?? 0, row.GetDateTimeOffset("AsOf") ?? default,
                row.GetInt32("Contacts") ?? 0, row.GetInt32("DriftFindings") ?? 0, row.GetInt32("Suggestions") ?? 0, row.GetString("Outcome")));
            if (runs.Count >= max)
            {
                break;
            }
        }

        return runs;
    }
}
