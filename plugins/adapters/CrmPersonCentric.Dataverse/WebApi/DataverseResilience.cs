using System.Net;
using Polly;
using Polly.Retry;

namespace CrmPersonCentric.Dataverse.WebApi;

/// <summary>
/// The retry and timeout pipeline of the Web API client: per-attempt timeout inside, retries outside. 429 waits
/// for Retry-After (service protection); 502, 503, 504, connection failures and timeouts back off exponentially.
/// </summary>
public static class DataverseResilience
{
    /// <summary>Longest Retry-After honoured; a longer one is capped (and the call eventually fails over to the caller's retry).</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Marks a request that must not be repeated after it may have reached the service (a POST that creates a row or
    /// runs an action): it is retried only on 429, which the service answers before doing anything.
    /// </summary>
    public static readonly ResiliencePropertyKey<bool> NonIdempotent = new("cpc.non-idempotent");

    /// <summary>Builds the pipeline.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Create(DataverseOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Context.Properties.GetValue(NonIdempotent, false)
                        ? args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests
                        : args.Outcome.Exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException
                          || (args.Outcome.Result is { } r && IsTransient(r.StatusCode))),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.AddTimeout(options.Timeout).Build();
    }

    /// <summary>True for the statuses the service documents as transient.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>The delay a response asks for (Retry-After in seconds or as a date), capped; null to use the back-off.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var retryAfter = response?.Headers.RetryAfter;
        var delay = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return delay is { } d ? (d < TimeSpan.Zero ? TimeSpan.Zero : d > MaxRetryAfter ? MaxRetryAfter : d) : null;
    }
}
