using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure.Storage.Blobs;

namespace CrmPersonCentric.Functions.Storage;

/// <summary>
/// The durable webhook inbox: an Azure Storage queue message per delivery, with the raw body inline when it fits
/// (a queue message holds 64 KB, base64 costs a third) and in a blob otherwise.
/// </summary>
public sealed class InboxStore(StorageClients storage, TimeProvider time)
{
    /// <summary>
    /// Largest serialized message kept inline: a queue message holds 64 KiB after base64 (4/3), so the JSON envelope
    /// must stay under 48 KiB; a margin keeps it clear of the limit.
    /// </summary>
    public const int MaxInlineMessageBytes = 44 * 1024;

    /// <summary>Persists a delivery; throws when storage is unavailable (the caller answers 503).</summary>
    public async Task<InboxMessage> EnqueueAsync(string body, bool sizeExceeded, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var id = Guid.NewGuid().ToString("N");
        var inline = new InboxMessage(id, time.GetUtcNow(), sizeExceeded, body, null);
        var text = JsonSerializer.Serialize(inline, Json);
        if (Encoding.UTF8.GetByteCount(text) <= MaxInlineMessageBytes)
        {
            await storage.Inbox.SendMessageAsync(text, cancellationToken).ConfigureAwait(false);
            return inline;
        }

        var blobName = id + ".json";
        var blob = storage.Container(StorageClients.InboxContainer).GetBlobClient(blobName);
        await blob.UploadAsync(BinaryData.FromString(body), overwrite: true, cancellationToken).ConfigureAwait(false);
        var message = inline with { Body = null, BlobName = blobName };
        try
        {
            await storage.Inbox.SendMessageAsync(JsonSerializer.Serialize(message, Json), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The delivery was not accepted (the caller answers 503): leave no orphan body behind.
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return message;
    }

    /// <summary>Puts a kept queue envelope back on the queue as it is (its body may live in a blob).</summary>
    public async Task RequeueEnvelopeAsync(string envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await storage.Inbox.SendMessageAsync(envelope, cancellationToken).ConfigureAwait(false);
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
        JsonSerializer.Deserialize(text, Json) is { Id.Length: > 0 } message && (message.Body is not null || message.BlobName is not null)
            ? message
            : throw new JsonException("The queue message is not an inbox message (id and body or blob name are required).");

    // Relaxed escaping: the default encoder writes quotes and non-ASCII text as \uXXXX, inflating bodies by half.
    private static readonly JsonTypeInfo<InboxMessage> Json = (JsonTypeInfo<InboxMessage>)new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = Hosting.FunctionsJsonContext.Default,
    }.GetTypeInfo(typeof(InboxMessage));
}
