namespace CrmPersonCentric.Application.Ports;

/// <summary>
/// The durable inbox of webhook deliveries: a delivery is stored in milliseconds and processed afterwards, with the
/// queue's own retries. Deliveries arriving together may share one queue message.
/// </summary>
public interface IInbox
{
    /// <summary>How many times a queue message is delivered before what still fails goes to the poison store.</summary>
    int MaxDeliveries { get; }

    /// <summary>Deliveries of one queue message processed at once.</summary>
    int Parallelism { get; }

    /// <summary>Stores a delivery's raw body; returns the delivery as queued.</summary>
    Task<InboxMessage> EnqueueAsync(string body, bool sizeExceeded, CancellationToken cancellationToken = default);

    /// <summary>The deliveries of a queue message's text.</summary>
    /// <exception cref="FormatException">The text is not an inbox message.</exception>
    IReadOnlyList<InboxMessage> Parse(string queueText);

    /// <summary>The text of one delivery as a queue message of its own (kept whole when its body is gone).</summary>
    string Serialize(InboxMessage message);

    /// <summary>A delivery's body (inline, or from where a large body was put); null when a large body is gone.</summary>
    Task<string?> BodyOfAsync(InboxMessage message, CancellationToken cancellationToken = default);

    /// <summary>Marks a delivery done (a large body's blob is removed).</summary>
    Task CompleteAsync(InboxMessage message, CancellationToken cancellationToken = default);

    /// <summary>Puts a kept queue message back on the queue as it is.</summary>
    Task RequeueEnvelopeAsync(string envelope, CancellationToken cancellationToken = default);
}
