namespace CrmPersonCentric.Application;

/// <summary>
/// What a log line says about an exception: its type, and the types of the exceptions it wraps (never messages, which
/// may quote data), e.g. "AggregateException(RequestFailedException)".
/// </summary>
public static class ExceptionNames
{
    /// <summary>The exception's type with the types it wraps.</summary>
    public static string Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var inner = exception switch
        {
            AggregateException aggregate => aggregate.InnerExceptions.Select(Of).Distinct(StringComparer.Ordinal).ToList(),
            { InnerException: { } wrapped } => [Of(wrapped)],
            _ => [],
        };
        return inner.Count == 0 ? exception.GetType().Name : $"{exception.GetType().Name}({string.Join(", ", inner)})";
    }
}
