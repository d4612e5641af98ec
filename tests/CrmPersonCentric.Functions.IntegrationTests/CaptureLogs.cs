using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CrmPersonCentric.Functions.IntegrationTests;

/// <summary>Keeps every formatted log line (with the exception's message) for the privacy checks.</summary>
public sealed class CaptureLogs(ConcurrentQueue<string> sink) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(sink);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<string> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Enqueue(formatter(state, exception) + (exception is null ? string.Empty : " " + exception.Message));
    }
}
