using System.Text.Json;
using Azure.Data.Tables;
using CrmPersonCentric.Application.History;
using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Storage;

/// <summary>The trends table: one metric point per persona and as-of date (a re-run replaces its point), for the reports' trends.</summary>
public sealed class TrendStore(StorageClients storage) : ITrendStore
{
    /// <summary>Records trend points.</summary>
    public async Task RecordAsync(IEnumerable<TrendPoint> points, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var trends = storage.Table(TableNames.Trends);
        foreach (var point in points)
        {
            await trends.UpsertEntityAsync(new TableEntity(TableKeys.Encode(point.PersonaId), point.AsOf.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture))
            {
                ["Point"] = JsonSerializer.Serialize(point, TrendJsonContext.Default.TrendPoint),
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
                if (JsonSerializer.Deserialize(row.GetString("Point"), TrendJsonContext.Default.TrendPoint) is { } point)
                {
                    points.Add(point);
                }
            }
        }

        return [.. points.OrderBy(p => p.AsOf)];
    }
}
