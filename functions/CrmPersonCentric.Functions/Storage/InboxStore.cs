using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;

namespace CrmPersonCentric.Functions.Storage;

/// <summary>
/// The durable webhook inbox: an Azure Storage queue message per delivery, with the raw body inline when it fits
/// (a queue message holds 64 KB, base64 costs a third) and in a blob otherwise.
/// </summary>
public sealed class InboxStore(StorageClients storage, TimeProvider time)
{
    /// <summary>Largest body kept inline in the queue message.</summary>
    public const int MaxInlineBytes = 40 * 1024;

    /// <summary>Persists a delivery; throws when storage is unavailable (the caller answers 503).</summary>
    public async Task<InboxMessage> EnqueueAsync(string body, bool sizeExceeded, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var id = Guid.NewGuid().ToString("N");
        InboxMessage message;
        if (Encoding.UTF8.GetByteCount(body) <= MaxInlineBytes)
        {
            message = new InboxMessage(id, time.GetUtcNow(), sizeExceeded, body, null);
        }
        else
        {
            var blobName = id + ".json";
            await storage.Container(StorageClients.InboxContainer).GetBlobClient(blobName)
                .UploadAsync(BinaryData.FromString(body), overwrite: true, cancellationToken).ConfigureAwait(false);
            message = new InboxMessage(id, time.GetUtcNow(), sizeExceeded, null, blobName);
        }

        await storage.Inbox.SendMessageAsync(JsonSerializer.Serialize(message, Json), cancellationToken).ConfigureAwait(false);
        return message;
    }

    /// <summary>The body of a message.</summary>
    public async Task<string> BodyOfAsync(InboxMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Body is not null)
        {
            return message.Body;
        }

        var content = await storage.Container(StorageClients.InboxContainer).GetBlobClient(message.BlobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        return content.Value.Content.ToString();
    }

    /// <summary>Deletes the body blob of a processed message, if it had one.</summary>
    public async Task CompleteAsync(InboxMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.BlobName is not null)
        {
            await storage.Container(StorageClients.InboxContainer).GetBlobClient(message.BlobName).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads a queue message text.</summary>
    /// <exception cref="JsonException">The text is not an inbox message.</exception>
    public static InboxMessage Parse(string text) =>
        JsonSerializer.Deserialize<InboxMessage>(text, Json) is { Id.Length: > 0 } message && (message.Body is not null || message.BlobName is not null)
            ? message
            : throw new JsonException("The queue message is not an inbox message (id and body or blob name are required).");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
