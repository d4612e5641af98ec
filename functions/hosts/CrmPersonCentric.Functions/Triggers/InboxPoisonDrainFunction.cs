using CrmPersonCentric.Application.Ports;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CrmPersonCentric.Functions.Triggers;

/// <summary>
/// Queue trigger on the host's poison queue of the inbox (%InboxQueueName%-poison): a message lands there only when
/// the processor failed even at its last delivery (for example while storage was down). It is moved into our poison
/// store, where it is listed, replayable, and covered by erasure; nothing stays in a queue nobody looks at.
/// </summary>
public sealed partial class InboxPoisonDrainFunction(IPoisonStore poison, ILogger<InboxPoisonDrainFunction> logger)
{
    /// <summary>The function's name.</summary>
    public const string Name = "InboxPoisonDrain";

    /// <summary>Keeps one host-poisoned message.</summary>
    [Function(Name)]
    public async Task RunAsync(
        [QueueTrigger("%" + FunctionSettings.InboxQueueName + "%" + FunctionSettings.PoisonQueueSuffix)] string message,
        CancellationToken cancellationToken)
    {
        var item = await poison.KeepAsync(message, PoisonSources.Envelope, "The inbox message failed at every allowed delivery (the Functions host moved it to the poison queue).", false, cancellationToken: cancellationToken).ConfigureAwait(false);
        LogKept(logger, item.Id);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kept a host-poisoned inbox message as poison item {PoisonId}")]
    private static partial void LogKept(ILogger logger, string poisonId);
}
