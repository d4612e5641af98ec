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
/// The backend evaluates hourly: as <see cref="RunHistory.Merge"/> does, the table keeps every run of the last two days and
/// only the last run of each earlier day, so a persona's partition stays small (recording thins the ten days before the
/// two-day cut, which also catches up after a pause).
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
            await trends.UpsertEntityAsync(new TableEntity(TableKeys.Encode(point.PersonaId), Key(point.AsOf))
            {
                [Compressed] = Pack(point),
            }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            await ThinAsync(trends, point, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes, in the ten days before the two-day cut, every run but the last of its day.</summary>
    private static async Task ThinAsync(TableClient trends, TrendPoint point, CancellationToken cancellationToken)
    {
        var cut = point.AsOf - RunHistory.KeptWhole;
        var from = Key(cut.AddDays(-10));
        var partition = TableKeys.Encode(point.PersonaId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey le {Key(cut)}");
        var rows = new List<(string RowKey, DateTimeOffset AsOf)>();
        await foreach (var row in trends.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (long.TryParse(row.RowKey, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks))
            {
                rows.Add((row.RowKey, new DateTimeOffset(ticks, TimeSpan.Zero)));
            }
        }

        foreach (var day in rows.GroupBy(r => r.AsOf.UtcDateTime.Date))
        {
            var last = day.Max(r => r.AsOf);
            foreach (var (rowKey, _) in day.Where(r => r.AsOf != last))
            {
                await trends.DeleteEntityAsync(partition, rowKey, Azure.ETag.All, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string Key(DateTimeOffset asOf) => asOf.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

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
