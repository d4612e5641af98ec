using CrmPersonCentric.Dataverse.Webhook;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace CrmPersonCentric.Functions.Http;

/// <summary>
/// The isolated worker's one exception handler for HTTP-triggered functions: an exception a function did not handle
/// becomes the RFC 7807 answer of <see cref="Problems.ForException"/> (never a stack trace). Queue and timer functions
/// let exceptions through, so the host retries the message or logs the run.
/// </summary>
public sealed partial class HttpExceptionMiddleware(ILogger<HttpExceptionMiddleware> logger) : IFunctionsWorkerMiddleware
{
    /// <inheritdoc />
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (context.GetHttpContext() is { Response.HasStarted: false } http)
        {
            var failure = ex is AggregateException { InnerException: { } inner } ? inner : ex;
            LogFailed(logger, context.FunctionDefinition.Name, failure.GetType().Name, TransientFaults.IsTransient(failure));
            var answer = Problems.ForException(failure, http.Response);
            await answer.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor())).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} failed ({ExceptionType}, transient: {Transient}); answered with a problem")]
    private static partial void LogFailed(ILogger logger, string function, string exceptionType, bool transient);
}
