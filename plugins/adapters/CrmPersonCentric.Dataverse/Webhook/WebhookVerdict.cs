namespace CrmPersonCentric.Dataverse.Webhook;

/// <summary>What became of a webhook delivery.</summary>
public enum WebhookVerdict
{
    /// <summary>Persisted to the inbox; processed shortly.</summary>
    Accepted,

    /// <summary>Not a RemoteExecutionContext; kept in the poison store for replay.</summary>
    Malformed,

    /// <summary>A synchronous step accepted the operation.</summary>
    Valid,

    /// <summary>
    /// A synchronous event the app did nothing with: no step handles it (a registration pointing at the endpoint that
    /// the code does not know) or its step had nothing to do. The operation goes on unchanged, and the answer says why.
    /// </summary>
    Skipped,

    /// <summary>A synchronous step rejected the operation (Dataverse fails the save with the message).</summary>
    Rejected,

    /// <summary>Storage is unavailable; nothing was kept and the caller should retry.</summary>
    Unavailable,
}
