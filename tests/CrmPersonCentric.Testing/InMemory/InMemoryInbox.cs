using System.Text.Json;
using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Testing.InMemory;

/// <summary>The inbox port in memory: what was enqueued and requeued, one delivery per message (bodies always inline).</summary>
public sealed class InMemoryInbox(TimeProvider time, int maxDeliveries = 5, int parallelism = 4) : IInbox
{
    private readonly List<string> _queue = [];

    /// <summary>The queue messages' texts, in order.</summary>
    public IReadOnlyList<string> Queue
    {
        get
        {
            lock (_queue)
            {
                return [.. _queue];
            }
        }
    }

    /// <summary>The bodies of the deliveries on the queue.</summary>
    public IReadOnlyList<string> Bodies => [.. Queue.SelectMany(Parse).Select(m => m.Body ?? string.Empty)];

    /// <inheritdoc />
    public int MaxDeliveries => maxDeliveries;

    /// <inheritdoc />
    public int Parallelism => parallelism;

    /// <inheritdoc />
    public Task<InboxMessage> EnqueueAsync(string body, bool sizeExceeded, CancellationToken cancellationToken = default)
    {
        var message = new InboxMessage(Guid.NewGuid().ToString("N"), time.GetUtcNow(), sizeExceeded, body, null);
        Add(Serialize(message));
        return Task.FromResult(message);
    }

    /// <inheritdoc />
    public IReadOnlyList<InboxMessage> Parse(string queueText)
    {
        try
        {
            return [JsonSerializer.Deserialize<InboxMessage>(queueText) ?? throw new FormatException("The queue message is empty.")];
        }
        catch (JsonException ex)
        {
            throw new FormatException(ex.Message, ex);
        }
    }

    /// <inheritdoc />
    public string Serialize(InboxMessage message) => JsonSerializer.Serialize(message);

    /// <inheritdoc />
    public Task<string?> BodyOfAsync(InboxMessage message, CancellationToken cancellationToken = default) => Task.FromResult(message?.Body);

    /// <inheritdoc />
    public Task CompleteAsync(InboxMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public Task RequeueEnvelopeAsync(string envelope, CancellationToken cancellationToken = default)
    {
        Add(envelope);
        return Task.CompletedTask;
    }

    private void Add(string text)
    {
        lock (_queue)
        {
            _queue.Add(text);
        }
    }
}
