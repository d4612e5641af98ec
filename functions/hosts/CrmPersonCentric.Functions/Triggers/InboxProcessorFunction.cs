using CrmPersonCentric.Dataverse.Webhook;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CrmPersonCentric.Functions.Triggers;

/// <summary>
/// Queue trigger on the inbox (%InboxQueueName%): runs the plug-in step of each delivery in the message. A transient
/// failure throws, so the queue delivers the message again; at host.json's maxDequeueCount the processor moves what
/// still fails to the poison store with the reason, so the host's own -poison queue only sees what even that could not keep.
/// </summary>
public sealed partial class InboxProcessorFunction(InboxProcessor processor, ILogger<InboxProcessorFunction> logger)
{
    /// <summary>The function's name.</summary>
    public const string Name = "InboxProcessor";

    /// <summary>Processes one inbox message.</summary>
    [Function(Name)]
    public async Task RunAsync(
        [QueueTrigger("%" + FunctionSettings.InboxQueueName + "%")] string message,
        long dequeueCount,
        CancellationToken cancellationToken)
    {
        var outcome = await processor.ProcessAsync(message, (int)Math.Min(dequeueCount, int.MaxValue), cancellationToken).ConfigureAwait(false);
        LogProcessed(logger, dequeueCount, outcome);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Inbox message (delivery {DequeueCount}) {Outcome}")]
    private static partial void LogProcessed(ILogger logger, long dequeueCount, InboxOutcome outcome);
}
