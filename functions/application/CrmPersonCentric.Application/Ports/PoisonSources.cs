namespace CrmPersonCentric.Application.Ports;

/// <summary>Where a kept payload came from.</summary>
public static class PoisonSources
{
    /// <summary>A webhook body that could not be read.</summary>
    public const string Webhook = "webhook";

    /// <summary>One delivery of an inbox message that its step rejected or that failed at its last delivery.</summary>
    public const string Inbox = "inbox";

    /// <summary>A whole inbox queue message, replayed onto the queue as it is (its body may live in a blob).</summary>
    public const string Envelope = "inbox-envelope";
}
