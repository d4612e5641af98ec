using System.Net;

namespace CrmPersonCentric.Dataverse.WebApi;

/// <summary>An If-Match precondition failed (412): the row changed since it was read.</summary>
public sealed class DataverseConcurrencyException : DataverseException
{
    /// <summary>Creates the exception.</summary>
    public DataverseConcurrencyException(string? errorCode, string message, string? requestId)
        : base(HttpStatusCode.PreconditionFailed, errorCode, message, requestId)
    {
    }

    /// <summary>Creates an exception without details.</summary>
    public DataverseConcurrencyException()
        : this(null, "The row changed since it was read.", null)
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public DataverseConcurrencyException(string message)
        : this(null, message, null)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public DataverseConcurrencyException(string message, Exception innerException)
        : base(HttpStatusCode.PreconditionFailed, null, message, null, innerException)
    {
    }
}
