using Azure;
using Azure.Data.Tables;

using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Storage;

/// <summary>Keeps unprocessable payloads (body in a blob, reason in a table row) so an admin can replay them.</summary>
public sealed class PoisonStore(StorageClients storage, InboxStore inbox, TimeProvider time) : IPoisonStore
{
    private const string Partition = "poison";

    private TableClient Table => storage.Table(TableNames.Poison);

    /// <summary>Keeps a payload with the reason it failed.</summary>
    /// <param name="body">The payload.</param>
    /// <param name="source">Where it came from: <see cref="PoisonSources"/>.</param>
    /// <param name="reason">Why it could not be processed.</param>
    /// <param name="sizeExceeded">Dataverse marked the body as cut.</param>
    /// <param name="contactId">The contact it is about, for erasure.</param>
    /// <param name="delivery">The inbox delivery it came from: keeping the same delivery again (a retried queue message) replaces the item instead of adding one.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public async Task<PoisonItem> KeepAsync(string body, string source, string reason, bool sizeExceeded, string? contactId = null, InboxMessage? delivery = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var id = delivery is null
            ? TableKeys.Descending(time.GetUtcNow()) + "-" + Guid.NewGuid().ToString("N")[..8]
            : TableKeys.Descending(delivery.ReceivedOn) + "-" + TableKeys.Encode(delivery.Id);
        var item = new PoisonItem(id, source, Truncate(reason), time.GetUtcNow(), sizeExceeded);

        // The row first: a body is never kept without the row that lists it (and that erasure searches). A row whose
        // body upload failed lists an item without a body, which replay reports and removes.
        await Table.UpsertEntityAsync(new TableEntity(Partition, item.Id)
        {
            ["Source"] = item.Source,
            ["Reason"] = item.Reason,
            ["ReceivedOn"] = item.ReceivedOn,
            ["SizeExceeded"] = item.SizeExceeded,
            ["ContactId"] = contactId,
        }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        await storage.Container(StorageClients.PoisonContainer).GetBlobClient(item.Id + ".json").UploadAsync(BinaryData.FromString(body), overwrite: true, cancellationToken).ConfigureAwait(false);
        return item;
    }

    /// <summary>One kept item, or null.</summary>
    public async Task<PoisonItem?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue ? Item(row.Value!) : null;
    }

    /// <summary>The kept items, newest first (at most <paramref name="max"/>; null: all).</summary>
    public async Task<IReadOnlyList<PoisonItem>> ListAsync(int? max = 100, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<PoisonItem>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            items.Add(Item(row));
            if (items.Count >= max)
            {
                break;
            }
        }

        return items;
    }

    /// <summary>The body of an item, or null when it is gone.</summary>
    public async Task<string?> BodyOfAsync(string id, CancellationToken cancellationToken = default)
    {
        var blob = storage.Container(StorageClients.PoisonContainer).GetBlobClient(id + ".json");
        try
        {
            return (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Removes an item after a replay.</summary>
    public async Task RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        await storage.Container(StorageClients.PoisonContainer).GetBlobClient(id + ".json").DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            await Table.DeleteEntityAsync(Partition, id, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already removed by a concurrent replay.
        }
    }

    /// <summary>
    /// Removes every kept payload of a contact (erasure: poison bodies hold the person's data): the items recorded with
    /// its id, and items kept without one (an unreadable body names no contact we could parse) whose body mentions it
    /// in any GUID form (hyphens or none, braces, any case).
    /// </summary>
    public async Task ForgetContactAsync(string contactId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contactId);
        var ids = new List<(string Id, string? Body)>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), select: ["RowKey", "ContactId", "Source"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var recorded = row.GetString("ContactId");
            if (GuidMentions.SameId(recorded, contactId))
            {
                ids.Add((row.RowKey, row.GetString("Source") == PoisonSources.Envelope ? await BodyOfAsync(row.RowKey, cancellationToken).ConfigureAwait(false) : null));
            }
            else if (recorded is null && await BodyOfAsync(row.RowKey, cancellationToken).ConfigureAwait(false) is { } body
                && (GuidMentions.Mentions(body, contactId) || (row.GetString("Source") == PoisonSources.Envelope && await inbox.EnvelopeBodyMentionsAsync(body, contactId, cancellationToken).ConfigureAwait(false))))
            {
                ids.Add((row.RowKey, row.GetString("Source") == PoisonSources.Envelope ? body : null));
            }
        }

        foreach (var (id, envelope) in ids)
        {
            // A kept envelope may point at an inbox body blob: that blob holds the person's data too.
            if (envelope is not null)
            {
                await inbox.DeleteEnvelopeBodiesAsync(envelope, cancellationToken).ConfigureAwait(false);
            }

            await RemoveAsync(id, cancellationToken).ConfigureAwait(false);
        }
    }

    private static PoisonItem Item(TableEntity row) =>
        new(row.RowKey, row.GetString("Source"), row.GetString("Reason"), row.GetDateTimeOffset("ReceivedOn") ?? DateTimeOffset.MinValue, row.GetBoolean("SizeExceeded") == true);

    private static string Truncate(string reason) => reason.Length <= 4000 ? reason : reason[..4000];
}
