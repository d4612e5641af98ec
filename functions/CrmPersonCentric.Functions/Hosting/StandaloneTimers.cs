using CrmPersonCentric.Functions.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NCrontab;

namespace CrmPersonCentric.Functions.Hosting;

/// <summary>
/// Standalone mode's timer triggers: reads each timerTrigger's schedule from its function.json (resolving %Setting%
/// from configuration, "__" as ":"), and fires the same code the host would invoke. NCRONTAB with seconds, in UTC.
/// </summary>
public sealed partial class StandaloneTimers(FunctionManifest manifest, IConfiguration configuration, IServiceProvider services, TimeProvider time, ILogger<StandaloneTimers> logger) : BackgroundService
{
    /// <summary>Resolves a schedule expression ("%Schedules__EvaluateDrift%" → the configured value).</summary>
    public static string ResolveSchedule(string schedule, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(configuration);
        if (schedule.Length > 2 && schedule[0] == '%' && schedule[^1] == '%')
        {
            var setting = schedule[1..^1];
            return configuration[setting.Replace("__", ":", StringComparison.Ordinal)] ?? configuration[setting]
                ?? throw new InvalidOperationException($"The schedule setting '{setting}' is not configured.");
        }

        return schedule;
    }

    /// <summary>Parses an NCRONTAB expression with seconds; the message names the function on failure.</summary>
    public static CrontabSchedule Parse(string function, string expression)
    {
        var schedule = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        return schedule ?? throw new InvalidOperationException($"The schedule '{expression}' of {function} is not an NCRONTAB expression with seconds (e.g. \"0 0 * * * *\").");
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timers = manifest.Functions.Where(f => string.Equals(f.Trigger.Type, "timerTrigger", StringComparison.OrdinalIgnoreCase))
            .Select(f => (f.Name, Schedule: Parse(f.Name, ResolveSchedule(f.Trigger.Schedule ?? string.Empty, configuration))))
            .ToList();
        return Task.WhenAll(timers.Select(t => RunAsync(t.Name, t.Schedule, stoppingToken)));
    }

    private async Task RunAsync(string function, CrontabSchedule schedule, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = new DateTimeOffset(schedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
            LogNext(logger, function, next);
            try
            {
                await Task.Delay(next - now, time, stoppingToken).ConfigureAwait(false);
                await using var scope = services.CreateAsyncScope();
                await InvokeAsync(function, scope.ServiceProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, function, ex.GetType().Name);
            }
        }
    }

    private static Task InvokeAsync(string function, IServiceProvider services, CancellationToken cancellationToken) => function switch
    {
        "EvaluateDrift" => services.GetRequiredService<EvaluationService>().RunAsync("timer", write: true, cancellationToken),
        "WeeklyReport" => services.GetRequiredService<ReportService>().RunAsync(cancellationToken),
        "Reconcile" => services.GetRequiredService<ReconciliationService>().RunAsync(cancellationToken),
        _ => throw new InvalidOperationException($"No timer handler for {function}."),
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Function} next runs at {Next}")]
    private static partial void LogNext(ILogger logger, string function, DateTimeOffset next);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} failed ({ExceptionType}); it runs again at its next occurrence")]
    private static partial void LogFailed(ILogger logger, string function, string exceptionType);
}
