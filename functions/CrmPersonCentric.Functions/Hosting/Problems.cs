using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CrmPersonCentric.Functions.Hosting;

/// <summary>RFC 7807 answers of the app (no stack traces, never personal data).</summary>
public static class Problems
{
    /// <summary>Seconds Dataverse (and other callers) are asked to wait before retrying.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>400 with the problem and, optionally, per-field errors.</summary>
    public static IResult BadRequest(string title, string detail, IDictionary<string, string[]>? errors = null) =>
        errors is null
            ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail)
            : Results.ValidationProblem(errors, detail, title: title);

    /// <summary>401.</summary>
    public static IResult Unauthorized() =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "A valid function key is required (?code= or the x-functions-key header).");

    /// <summary>413.</summary>
    public static IResult TooLarge(int limit) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large", detail: $"The body exceeds the limit of {limit} bytes (Storage:MaxBodyBytes).");

    /// <summary>503 with Retry-After: the caller should try again; nothing was kept.</summary>
    public static IResult Unavailable(HttpResponse response, string detail)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Temporarily unavailable", detail: detail);
    }

    /// <summary>True for failures of storage or the network that a retry may fix.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        Azure.RequestFailedException ex => ex.Status is 0 or 408 or 429 or >= 500,
        HttpRequestException or TimeoutException or IOException => true,
        TaskCanceledException => true,
        AggregateException ex => ex.InnerExceptions.All(IsTransient),
        Dataverse.WebApi.DataverseException ex => ex.IsTransient,
        _ => false,
    };

    /// <summary>A ProblemDetails body, for handlers that write directly.</summary>
    public static ProblemDetails Details(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };
}
