namespace CrmPersonCentric.Dataverse.Webhook;

/// <summary>Which failures a retry may fix (storage or network outages, throttling), as opposed to bad input or bugs.</summary>
public static class TransientFaults
{
    /// <summary>True for failures of storage, Dataverse or the network that a retry may fix.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        Azure.RequestFailedException ex => ex.Status is 0 or 408 or 429 or >= 500,
        HttpRequestException or TimeoutException or IOException => true,
        TaskCanceledException => true,
        AggregateException ex => ex.InnerExceptions.All(IsTransient),
        Dataverse.WebApi.DataverseException ex => ex.IsTransient,
        _ => false,
    };
}
