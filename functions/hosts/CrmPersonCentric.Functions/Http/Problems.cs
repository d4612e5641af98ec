using System.Globalization;
using CrmPersonCentric.Dataverse.Webhook;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CrmPersonCentric.Functions.Http;

/// <summary>RFC 7807 answers of the app: no stack traces, never personal data.</summary>
public static class Problems
{
    /// <summary>Seconds Dataverse (and other callers) are asked to wait before retrying.</summary>
    public const int RetryAfterSeconds = 5;

    private const string ContentType = "application/problem+json";

    /// <summary>A problem answer with the status, title and detail.</summary>
    public static ObjectResult Problem(int status, string title, string detail) =>
        new(new ProblemDetails { Status = status, Title = title, Detail = detail }) { StatusCode = status, ContentTypes = { ContentType } };

    /// <summary>400 with the problem and, optionally, per-field errors.</summary>
    public static ObjectResult BadRequest(string title, string detail, IDictionary<string, string[]>? errors = null) =>
        errors is null
            ? Problem(StatusCodes.Status400BadRequest, title, detail)
            : new(new ValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = title, Detail = detail }) { StatusCode = StatusCodes.Status400BadRequest, ContentTypes = { ContentType } };

    /// <summary>401.</summary>
    public static ObjectResult Unauthorized() =>
        Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "A valid function key is required (?code= or the x-functions-key header).");

    /// <summary>404.</summary>
    public static ObjectResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", detail);

    /// <summary>413.</summary>
    public static ObjectResult TooLarge(int limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Payload too large", string.Create(CultureInfo.InvariantCulture, $"The body exceeds the limit of {limit} bytes (Storage:MaxBodyBytes)."));

    /// <summary>503 with Retry-After: the caller should try again; nothing was kept.</summary>
    public static ObjectResult Unavailable(HttpResponse response, string detail)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Problem(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", detail);
    }

    /// <summary>
    /// The answer to an exception no function handled: 400 for invalid input, 412 for a concurrency conflict, 503 with
    /// Retry-After for a transient fault, 500 otherwise; the one mapping both hosts' exception handlers use.
    /// </summary>
    public static ObjectResult ForException(Exception exception, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            BadHttpRequestException bad => BadRequest("Bad request", bad.Message),
            Model.ModelValidationException invalid => BadRequest("Invalid input", invalid.Message),
            Dataverse.WebApi.DataverseConcurrencyException => Problem(StatusCodes.Status412PreconditionFailed, "Concurrency conflict", "The row changed meanwhile; retry."),
            _ when TransientFaults.IsTransient(exception) => Unavailable(response, "A dependency is unavailable; retry later."),
            _ => Problem(StatusCodes.Status500InternalServerError, "Unexpected error", "The request failed; the error was logged."),
        };
    }
}
