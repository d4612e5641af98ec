namespace CrmPersonCentric.Model;

/// <summary>One observed behaviour of a contact.</summary>
/// <param name="Id">Stable id of the signal (used to de-duplicate deliveries).</param>
/// <param name="ContactId">The contact that showed the behaviour.</param>
/// <param name="Type">What kind of behaviour.</param>
/// <param name="OccurredOn">When it happened.</param>
/// <param name="Theme">Optional theme (for messaging responses, the campaign theme).</param>
/// <param name="Layer">The messaging layer of the theme; required for <see cref="BehaviourType.MessagingResponse"/>.</param>
/// <param name="Source">The function that recorded it (marketing, sales, community...), when known.</param>
/// <param name="RelatedContactId">For a referral, the contact who was referred, when known.</param>
public sealed record BehaviourSignal(
    string Id,
    string ContactId,
    BehaviourType Type,
    DateTimeOffset OccurredOn,
    string? Theme = null,
    MessagingLayer? Layer = null,
    SignalSource? Source = null,
    string? RelatedContactId = null);
