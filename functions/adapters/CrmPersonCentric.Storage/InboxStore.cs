using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CrmPersonCentric.Application;
using CrmPersonCentric.Application.Ports;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Storage;

/// <summary>
/// The durable webhook inbox: Azure Storage queue messages carrying the raw bodies. Deliveries that arrive together
/// share one queue message (group commit): a delivery that finds a send slot free is sent at once; deliveries that
/// arrive while every slot is busy wait and go out together in the next message, up to 44 KB of JSON (a queue message
/// holds 64 KB after base64) and 100 deliveries. Each caller returns only after the message holding its delivery is
/// stored, so a 202 still means "durable"; a failed send fails every caller
/// in it (each answers 503, nothing is half accepted). A body too large for a queue message goes to a blob with its
/// own message. Fewer, fuller messages mean fewer storage transactions at the same durability.
/// </summary>
public sealed class InboxStore(StorageClients storage, IOptions<StorageOptions> options, QueueHostSettings queues, Telemetry telemetry, TimeProvider time) : IInbox, IDisposable
{
    /// <summary>
    /// Largest serialized message kept inline: a queue message holds 64 KiB after base64 (4/3), so the JSON envelope
    /// must stay under 48 KiB; a margin keeps it clear of the limit.
    /// </summary>
    public const int MaxInlineMessageBytes = 44 * 1024;

    /// <summary>Most deliveries in one queue message.</summary>
    public const int MaxDeliveriesPerMessage = 100;

    private static readonly byte[] BatchPrefix = Encoding.UTF8.GetBytes("{\"deliveries\":[");
    private readonly ConcurrentQueue<Pending> _pending = new();
    private readonly Lock _takeLock = new();
    private readonly SemaphoreSlim _sendSlots = new(options.Value.InboxConcurrentSends, options.Value.InboxConcurrentSends);

    /// <inheritdoc />
    /// <remarks>The queue's maxDequeueCount (host.json), the number the Functions host and the standalone poller count.</remarks>
    public int MaxDeliveries => queues.MaxDequeueCount;

    /// <inheritdoc />
    public int Parallelism => options.Value.InboxParallelism;

    /// <summary>Persists a delivery; throws when storage is unavailable (the caller answers 503).</summary>
    public async Task<InboxMessage> EnqueueAsync(string body, bool sizeExceeded, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var id = Guid.NewGuid().ToString("N");
        var inline = new InboxMessage(id, time.GetUtcNow(), sizeExceeded, body, null);
        var json = JsonSerializer.SerializeToUtf8Bytes(inline, Json);
        if (json.Length + BatchPrefix.Length + 2 <= MaxInlineMessageBytes)
        {
            var pending = new Pending(json);
            _pending.Enqueue(pending);
            await SendPendingAsync(pending).ConfigureAwait(false);
            await pending.Stored.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Sends waiting deliveries while a send slot is free. A delivery is queued before its caller looks for a slot and
    /// every sender looks at the queue again after giving its slot back, so no delivery is left waiting: a caller whose
    /// own delivery is stored hands the rest to the thread pool instead of sending for others.
    /// </summary>
    private async Task SendPendingAsync(Pending? mine)
    {
        while (!_pending.IsEmpty && _sendSlots.Wait(0))
        {
            try
            {
                var batch = Take();
                if (batch.Count > 0)
                {
                    await SendAsync(batch).ConfigureAwait(false);
                }
            }
            finally
            {
                _sendSlots.Release();
            }

            if (mine is not null && mine.Stored.Task.IsCompleted)
            {
                if (!_pending.IsEmpty)
                {
                    _ = Task.Run(() => SendPendingAsync(null));
                }

                return;
            }
        }
    }

    private List<Pending> Take()
    {
        // One taker at a time: peek-then-dequeue must size the item it takes (a concurrent taker could otherwise
        // dequeue the peeked item and leave this one with an unsized, possibly oversized, next item).
        lock (_takeLock)
        {
            // The first delivery always fits (EnqueueAsync sized it alone); each further one adds itself and a comma.
            var batch = new List<Pending>();
            var size = BatchPrefix.Length + 2;
            while (batch.Count < MaxDeliveriesPerMessage && _pending.TryPeek(out var next)
                && (batch.Count == 0 || size + next.Json.Length + 1 <= MaxInlineMessageBytes) && _pending.TryDequeue(out next))
            {
                size += next.Json.Length + (batch.Count == 0 ? 0 : 1);
                batch.Add(next);
            }

            return batch;
        }
    }

    private async Task SendAsync(List<Pending> batch)
    {
        try
        {
            // One delivery keeps the single-delivery form (readable by every version); several go in a batch envelope.
            string text;
            if (batch.Count == 1)
            {
                text = Encoding.UTF8.GetString(batch[0].Json);
            }
            else
            {
                using var buffer = new MemoryStream();
                buffer.Write(BatchPrefix);
                for (var i = 0; i < batch.Count; i++)
                {
                    if (i > 0)
                    {
                        buffer.WriteByte((byte)',');
                    }

                    buffer.Write(batch[i].Json);
                }

                buffer.Write("]}"u8);
                text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            }

            // No caller's cancellation applies: the message carries other callers' deliveries too.
            await storage.Inbox.SendMessageAsync(text, CancellationToken.None).ConfigureAwait(false);
            telemetry.MessageDeliveries.Record(batch.Count);
            foreach (var pending in batch)
            {
                pending.Stored.TrySetResult();
            }
        }
        catch (Exception ex)
        {
            foreach (var pending in batch)
            {
                pending.Stored.TrySetException(ex);
            }
        }
    }

    /// <summary>Puts a kept queue envelope back on the queue as it is (its body may live in a blob).</summary>
    public async Task RequeueEnvelopeAsync(string envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await storage.Inbox.SendMessageAsync(envelope, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<string?> BodyOfAsync(InboxMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Body is not null)
        {
            return message.Body;
        }

        try
        {
            var content = await storage.Container(StorageClients.InboxContainer).GetBlobClient(message.BlobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToString();
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
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

    /// <summary>True when a body blob an envelope points at mentions the contact's id in any GUID form (erasure).</summary>
    public async Task<bool> EnvelopeBodyMentionsAsync(string envelope, string contactId, CancellationToken cancellationToken = default)
    {
        foreach (var message in EnvelopeDeliveries(envelope))
        {
            if (message.BlobName is not null && await BodyOfAsync(message, cancellationToken).ConfigureAwait(false) is { } body && GuidMentions.Mentions(body, contactId))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Deletes the body blobs an envelope points at (erasure of a kept envelope).</summary>
    public async Task DeleteEnvelopeBodiesAsync(string envelope, CancellationToken cancellationToken = default)
    {
        foreach (var message in EnvelopeDeliveries(envelope))
        {
            await CompleteAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }

    // The deliveries of a kept envelope; none when it is not one (an unreadable queue message is kept as it came).
    private static IReadOnlyList<InboxMessage> EnvelopeDeliveries(string envelope)
    {
        try
        {
            return Parse(envelope);
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>The queue form of one delivery.</summary>
    public static string Serialize(InboxMessage message) => JsonSerializer.Serialize(message, Json);

    /// <inheritdoc />
    string IInbox.Serialize(InboxMessage message) => Serialize(message);

    /// <inheritdoc />
    IReadOnlyList<InboxMessage> IInbox.Parse(string queueText)
    {
        try
        {
            return Parse(queueText);
        }
        catch (JsonException ex)
        {
            throw new FormatException(ex.Message, ex);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _sendSlots.Dispose();

    /// <summary>Reads a queue message text: one delivery, or a batch envelope {"deliveries":[…]}.</summary>
    /// <exception cref="JsonException">The text is not an inbox message.</exception>
    public static IReadOnlyList<InboxMessage> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (JsonSerializer.Deserialize(text, BatchJson) is { Deliveries: { Count: > 0 } deliveries })
        {
            return deliveries.Select(Valid).ToList();
        }

        return [Valid(JsonSerializer.Deserialize(text, Json))];
    }

    private static InboxMessage Valid(InboxMessage? message) =>
        message is { Id.Length: > 0 } && (message.Body is not null || message.BlobName is not null)
            ? message
            : throw new JsonException("The queue message is not an inbox message (id and body or blob name are required).");

    private sealed record Pending(byte[] Json)
    {
        public TaskCompletionSource Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    // Relaxed escaping: the default encoder writes quotes and non-ASCII text as \uXXXX, inflating bodies by half.
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = StorageJsonContext.Default,
    };

    private static readonly JsonTypeInfo<InboxMessage> Json = (JsonTypeInfo<InboxMessage>)JsonOptions.GetTypeInfo(typeof(InboxMessage));

    private static readonly JsonTypeInfo<InboxBatch> BatchJson = (JsonTypeInfo<InboxBatch>)JsonOptions.GetTypeInfo(typeof(InboxBatch));
}
