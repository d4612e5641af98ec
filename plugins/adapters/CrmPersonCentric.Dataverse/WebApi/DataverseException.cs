using System.Net;

namespace CrmPersonCentric.Dataverse.WebApi;

/// <summary>A Dataverse Web API request failed; carries the HTTP status, Dataverse error code and service request id.</summary>
public class DataverseException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DataverseException(HttpStatusCode status, string? errorCode, string message, string? requestId, Exception? innerException = null)
        : base(Describe(status, errorCode, message, requestId), innerException)
    {
        Status = status;
        ErrorCode = errorCode;
        ServiceMessage = message;
        RequestId = requestId;
    }

    /// <summary>Creates an exception without details.</summary>
    public DataverseException()
        : this(HttpStatusCode.InternalServerError, null, "Dataverse request failed.", null)
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public DataverseException(string message)
        : this(HttpStatusCode.InternalServerError, null, message, null)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public DataverseException(string message, Exception innerException)
        : this(HttpStatusCode.InternalServerError, null, message, null, innerException)
    {
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The Dataverse error code (hex, e.g. 0x80040265), when the body had one.</summary>
    public string? ErrorCode { get; }

    /// <summary>The service's message.</summary>
    public string ServiceMessage { get; }

    /// <summary>The x-ms-service-request-id of the failed request, for support.</summary>
    public string? RequestId { get; }

    /// <summary>True for statuses worth retrying later (429, 502, 503, 504).</summary>
    public bool IsTransient => Status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private static string Describe(HttpStatusCode status, string? code, string message, string? requestId) =>
        $"Dataverse answered {(int)status} {status}{(string.IsNullOrEmpty(code) ? string.Empty : " (" + code + ")")}: {message}{(requestId is null ? string.Empty : " [request " + requestId + "]")}";
}
