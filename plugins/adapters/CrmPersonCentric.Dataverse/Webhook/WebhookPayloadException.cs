namespace CrmPersonCentric.Dataverse.Webhook;

/// <summary>A webhook body could not be read; the message says what is wrong and where (never the data itself).</summary>
public sealed class WebhookPayloadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WebhookPayloadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public WebhookPayloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception without details.</summary>
    public WebhookPayloadException()
        : base("The webhook body could not be read.")
    {
    }
}
