namespace CrmPersonCentric.Backend.Services;

/// <summary>One signal as a community, event or marketing system sends it (JSON, or a CSV row with the same names).</summary>
public sealed class SignalRecord
{
    /// <summary>The sender's id of the signal (idempotency key).</summary>
    public string? SignalId { get; set; }

    /// <summary>The Dataverse contact id.</summary>
    public string? ContactId { get; set; }

    /// <summary>communityContribution, referral, advocacy, eventAttendance, contentCoCreation or messagingResponse.</summary>
    public string? Type { get; set; }

    /// <summary>ISO 8601 time.</summary>
    public string? OccurredOn { get; set; }

    /// <summary>Optional theme.</summary>
    public string? Theme { get; set; }

    /// <summary>Messaging layer 1–4 (required for messagingResponse).</summary>
    public int? Layer { get; set; }

    /// <summary>Optional: the function that recorded it (marketing, sales, community, product, customerSuccess, events).</summary>
    public string? Source { get; set; }

    /// <summary>Optional, referrals only: the Dataverse id of the contact who was referred.</summary>
    public string? RelatedContactId { get; set; }
}
