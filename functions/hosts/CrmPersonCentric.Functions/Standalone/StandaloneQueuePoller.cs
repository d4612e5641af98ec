using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using CrmPersonCentric.Application;
using CrmPersonCentric.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmPersonCentric.Functions.Standalone;

/// <summary>
/// The standalone host's queue triggers, with the Functions host's semantics from host.json: every queueTrigger of
/// functions.metadata is polled (its queue name resolved from the same app setting), up to batchSize messages at once,
/// each message decoded as messageEncoding says and handed to the same function with its dequeue count, its
/// invisibility renewed while the function runs. On success the message is deleted; on failure it becomes visible again
/// after visibilityTimeout, and a message that failed at its maxDequeueCount-th delivery is moved to the queue's
/// -poison queue, as the host does.
/// </summary>
public sealed partial class StandaloneQueuePoller(
    StandaloneFunctions functions,
    StorageClients storage,
    QueueHostSettings settings,
    IConfiguration configuration,
    IServiceScopeFactory scopes,
    ILogger<StandaloneQueuePoller> logger) : BackgroundService
{
    /// <summary>The setting of how long a received message stays invisible to other receivers while it is processed.</summary>
    public const string LeaseSetting = "Standalone:QueueLease";

    /// <summary>
    /// How long a received message stays invisible while it is processed (default 2 minutes): if this process dies,
    /// the queue delivers the message again after it.
    /// </summary>
    private TimeSpan ProcessingLease { get; } = TimeSpan.TryParse(configuration[LeaseSetting], System.Globalization.CultureInfo.InvariantCulture, out var lease) && lease > TimeSpan.Zero ? lease : TimeSpan.FromMinutes(2);

    /// <summary>Messages of a received batch processed at once (each processes its deliveries in parallel itself).</summary>
    public const int MessageParallelism = 4;

    /// <summary>Each queue function with its resolved queue name.</summary>
    public IReadOnlyList<(FunctionInvoker Function, string Queue)> Queues() =>
        [.. functions.Queues.Select(f => (f, AppSettingExpression.Resolve(f.Function.Trigger!.QueueName ?? string.Empty, configuration)))];

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Queues().Select(q => PollAsync(q.Function, storage.Queue(q.Queue), stoppingToken)));

    private async Task PollAsync(FunctionInvoker function, QueueClient queue, CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromMilliseconds(50);
        var created = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] messages;
            try
            {
                if (!created)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
                    created = true;
                }

                messages = (await queue.ReceiveMessagesAsync(Math.Min(settings.BatchSize, 32), ProcessingLease, stoppingToken).ConfigureAwait(false)).Value;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Whatever went wrong (an outage, a refused request), the poller goes on: a stopped poller loses nothing
                // but delays everything.
                LogUnavailable(logger, queue.Name, ExceptionNames.Of(ex));
                messages = [];
                idle = TimeSpan.FromSeconds(5);
            }

            if (messages.Length == 0)
            {
                await DelayAsync(idle, stoppingToken).ConfigureAwait(false);
                idle = TimeSpan.FromMilliseconds(Math.Min(2000, idle.TotalMilliseconds * 2));
                continue;
            }

            idle = TimeSpan.FromMilliseconds(50);
            await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = MessageParallelism, CancellationToken = stoppingToken },
                (message, ct) => new ValueTask(HandleAsync(function, queue, message, ct))).ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(FunctionInvoker function, QueueClient queue, QueueMessage message, CancellationToken cancellationToken)
    {
        // While the function runs, the message's invisibility is renewed (as the host does), so a long invocation is not
        // delivered to another receiver meanwhile.
        var receipt = new Receipt(message.PopReceipt);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = RenewAsync(queue, message, receipt, done.Token);
        bool succeeded;
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
            {
                await function.InvokeAsync(scope.ServiceProvider, new InvocationInput(null, message.MessageText, message.DequeueCount, null, cancellationToken)).ConfigureAwait(false);
            }

            succeeded = true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, function.Function.Name, message.MessageId, message.DequeueCount, ExceptionNames.Of(ex));
            succeeded = false;
        }
        finally
        {
            await done.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
        }

        try
        {
            if (succeeded)
            {
                // A failed delete is not a failed function: the message comes back after its lease and is a duplicate.
                await queue.DeleteMessageAsync(message.MessageId, receipt.Value, cancellationToken).ConfigureAwait(false);
            }
            else if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                var poison = storage.Queue(queue.Name + FunctionSettings.PoisonQueueSuffix);
                await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                await poison.SendMessageAsync(message.MessageText, cancellationToken).ConfigureAwait(false);
                await queue.DeleteMessageAsync(message.MessageId, receipt.Value, cancellationToken).ConfigureAwait(false);
                LogPoisoned(logger, message.MessageId, poison.Name);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, receipt.Value, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The processing lease runs out and the queue delivers the message again: nothing is lost.
            LogUnavailable(logger, queue.Name, ExceptionNames.Of(ex));
        }
    }

    private async Task RenewAsync(QueueClient queue, QueueMessage message, Receipt receipt, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(ProcessingLease / 2, cancellationToken).ConfigureAwait(false);
                var renewed = await queue.UpdateMessageAsync(message.MessageId, receipt.Value, visibilityTimeout: ProcessingLease, cancellationToken: cancellationToken).ConfigureAwait(false);
                receipt.Value = renewed.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The invocation ended.
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnavailable(logger, queue.Name, ExceptionNames.Of(ex));
        }
    }

    /// <summary>The message's current pop receipt: every renewal of its invisibility hands out a new one.</summary>
    private sealed class Receipt(string value)
    {
        public string Value { get; set; } = value;
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue} unavailable ({ExceptionType}); polling again shortly")]
    private static partial void LogUnavailable(ILogger logger, string queue, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} failed on message {MessageId} at delivery {DequeueCount} ({ExceptionType})")]
    private static partial void LogFailed(ILogger logger, string function, string messageId, long dequeueCount, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} failed at its last delivery; moved to {PoisonQueue}")]
    private static partial void LogPoisoned(ILogger logger, string messageId, string poisonQueue);
}
