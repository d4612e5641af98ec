using CrmPersonCentric.Application;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NCrontab;

namespace CrmPersonCentric.Functions.Standalone;

/// <summary>
/// The standalone host's timer triggers: every timerTrigger of functions.metadata, its schedule resolved from the same
/// app setting the Functions host resolves (%Name%), NCRONTAB with seconds in UTC, firing the same function.
/// </summary>
public sealed partial class StandaloneTimers(StandaloneFunctions functions, IConfiguration configuration, IServiceScopeFactory scopes, TimeProvider time, ILogger<StandaloneTimers> logger) : BackgroundService
{
    /// <summary>Parses an NCRONTAB expression with seconds; the message names the function on failure.</summary>
    public static CrontabSchedule Parse(string function, string expression)
    {
        var schedule = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        return schedule ?? throw new InvalidOperationException($"The schedule '{expression}' of {function} is not an NCRONTAB expression with seconds (e.g. \"0 0 * * * *\").");
    }

    /// <summary>Each timer function with its resolved schedule.</summary>
    public IReadOnlyList<(FunctionInvoker Function, CrontabSchedule Schedule)> Schedules() =>
        [.. functions.Timers.Select(f => (f, Parse(f.Function.Name, AppSettingExpression.Resolve(f.Function.Trigger!.Schedule ?? string.Empty, configuration))))];

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Schedules().Select(t => RunAsync(t.Function, t.Schedule, stoppingToken)));

    private async Task RunAsync(FunctionInvoker function, CrontabSchedule schedule, CancellationToken stoppingToken)
    {
        DateTime? last = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = new DateTimeOffset(schedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
            LogNext(logger, function.Function.Name, next);
            try
            {
                await Task.Delay(next - now, time, stoppingToken).ConfigureAwait(false);
                var timer = new TimerInfo { ScheduleStatus = new ScheduleStatus { Last = last ?? default, Next = schedule.GetNextOccurrence(next.UtcDateTime), LastUpdated = next.UtcDateTime } };
                await using var scope = scopes.CreateAsyncScope();
                await function.InvokeAsync(scope.ServiceProvider, new InvocationInput(null, null, 0, timer, stoppingToken)).ConfigureAwait(false);
                last = next.UtcDateTime;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Any failure, a timeout included: the timer runs again at its next occurrence, as the host's does.
                LogFailed(logger, function.Function.Name, ExceptionNames.Of(ex));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Function} next runs at {Next}")]
    private static partial void LogNext(ILogger logger, string function, DateTimeOffset next);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} failed ({ExceptionType}); it runs again at its next occurrence")]
    private static partial void LogFailed(ILogger logger, string function, string exceptionType);
}
