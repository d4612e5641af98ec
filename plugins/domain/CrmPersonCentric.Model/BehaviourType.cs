namespace CrmPersonCentric.Model;

/// <summary>Kinds of behaviour signal recorded for a tagged person.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(CamelCaseEnumConverter<BehaviourType>))]
public enum BehaviourType
{
    /// <summary>Contributed to a community (post, answer, talk).</summary>
    CommunityContribution = 0,

    /// <summary>Referred another person or company.</summary>
    Referral = 1,

    /// <summary>Advocated publicly (review, case study, quote).</summary>
    Advocacy = 2,

    /// <summary>Attended an event.</summary>
    EventAttendance = 3,

    /// <summary>Co-created content with us.</summary>
    ContentCoCreation = 4,

    /// <summary>Responded to a messaging theme; the signal carries the theme's layer.</summary>
    MessagingResponse = 5,

    /// <summary>
    /// A messaging theme was sent to the person (exposure, not a behaviour of theirs): the signal carries the theme, and
    /// themes are then compared on responses per person sent them. Only the latest send per theme counts.
    /// </summary>
    MessageSent = 6,
}
