using Azure.Storage.Queues.Models;
using CrmPersonCentric.Functions.Services;
using CrmPersonCentric.Functions.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmPersonCentric.Functions.Hosting;

/// <summary>
/// Standalone mode's queue trigger: receives inbox messages, processes them, deletes them when done. A failed message
/// becomes visible again after the visibility timeout (a retry); the processor poisons it at the last delivery.
/// </summary>
public sealed partial class StandaloneQueuePoller(StorageClients storage, IServiceProvider services, ILogger<StandaloneQueuePoller> logger) : BackgroundService
{
    /// <summary>How long a received message stays invisible to other receivers.</summary>
    public static readonly TimeSpan VisibilityTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Concurrent receive loops; each processes its batch with bounded parallelism.</summary>
    public const int Receivers = 1;

    /// <summary>
    /// Messages of a received batch processed at once (each processes its deliveries with Storage:InboxParallelism):
    /// enough to keep storage busy, few enough that the webhook's own queue writes do not wait behind a long line.
    /// </summary>
    public const int MessageParallelism = 4;

    // Each receive takes twice as many messages as are processed at once (a message holds up to 100 deliveries), so
    // the last one received starts well within the visibility timeout.

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Receivers).Select(_ => ReceiveLoopAsync(stoppingToken)));

    private async Task ReceiveLoopAsync(CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromMilliseconds(50);
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] messages;
            try
            {
                await storage.EnsureCreatedAsync(stoppingToken).ConfigureAwait(false);
                messages = (await storage.Inbox.ReceiveMessagesAsync(MessageParallelism * 2, VisibilityTimeout, stoppingToken).ConfigureAwait(false)).Value;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (Problems.IsTransient(ex))
            {
                LogUnavailable(logger, ex.GetType().Name);
                messages = [];
                idle = TimeSpan.FromSeconds(5);
            }

            if (messages.Length == 0)
            {
                await Task.Delay(idle, stoppingToken).ConfigureAwait(false);
                idle = TimeSpan.FromMilliseconds(Math.Min(1000, idle.TotalMilliseconds * 2));
                continue;
            }

            idle = TimeSpan.FromMilliseconds(50);
            await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = MessageParallelism, CancellationToken = stoppingToken }, async (message, ct) =>
            {
                try
                {
                    await using var scope = services.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<InboxProcessor>().ProcessAsync(message.MessageText, (int)message.DequeueCount, ct).ConfigureAwait(false);
                    await storage.Inbox.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    LogRetry(logger, message.MessageId, (int)message.DequeueCount, ex.GetType().Name);
                }
            }).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox queue unavailable ({ExceptionType}); polling again shortly")]
    private static partial void LogUnavailable(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbox message {MessageId} failed at delivery {DequeueCount} ({ExceptionType}); it will be delivered again")]
    private static partial void LogRetry(ILogger logger, string messageId, int dequeueCount, string exceptionType);
}
