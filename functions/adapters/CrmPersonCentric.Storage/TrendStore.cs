using System.IO.Compression;
using System.Text.Json;
using Azure.Data.Tables;
using CrmPersonCentric.Application.History;
using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Storage;

/// <summary>
/// The trends table: one metric point per persona and as-of date (a re-run replaces its point), for the reports' trends
/// and "what changed". A point with its measures and findings can pass the 32K characters a table string holds, so it is
/// kept as gzipped JSON in a binary column (<c>PointGz</c>, a few KB); points kept as plain JSON (<c>Point</c>) still read.
/// </summary>
public sealed class TrendStore(StorageClients storage) : ITrendStore
{
    private const string Compressed = "PointGz";
    private const string Plain = "Point";

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
                [Compressed] = Pack(point),
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
                if (Unpack(row) is { } point)
                {
                    points.Add(point);
                }
            }
        }

        return [.. points.OrderBy(p => p.AsOf)];
    }

    private static byte[] Pack(TrendPoint point)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            JsonSerializer.Serialize(gzip, point, TrendJsonContext.Default.TrendPoint);
        }

        return buffer.ToArray();
    }

    private static TrendPoint? Unpack(TableEntity row)
    {
        if (row.GetBinary(Compressed) is { } packed)
        {
            using var gzip = new GZipStream(new MemoryStream(packed), CompressionMode.Decompress);
            return JsonSerializer.Deserialize(gzip, TrendJsonContext.Default.TrendPoint);
        }

        return row.GetString(Plain) is { } json ? JsonSerializer.Deserialize(json, TrendJsonContext.Default.TrendPoint) : null;
    }
}
