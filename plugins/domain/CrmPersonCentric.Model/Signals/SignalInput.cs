namespace CrmPersonCentric.Model.Signals;

/// <summary>
/// A behaviour signal as a door receives it, every field as text: a CSV row, a JSON record of the signals API, a
/// Dataverse row (its choices written as their names). <see cref="SignalValidator"/> turns it into a
/// <see cref="BehaviourSignal"/> or says what is wrong.
/// </summary>
/// <param name="SignalId">The sender's id of the signal (idempotency key).</param>
/// <param name="ContactId">The contact who showed the behaviour.</param>
/// <param name="Type">The behaviour type's name (communityContribution, referral, ...).</param>
/// <param name="OccurredOn">When it happened, ISO 8601.</param>
/// <param name="Theme">Optional theme.</param>
/// <param name="Layer">Messaging layer 1 to 4 (required for messagingResponse).</param>
/// <param name="Source">Optional: the function that recorded it.</param>
/// <param name="RelatedContactId">Optional, referrals only: the contact who was referred.</param>
public sealed record SignalInput(
    string? SignalId,
    string? ContactId,
    string? Type,
    string? OccurredOn,
    string? Theme = null,
    string? Layer = null,
    string? Source = null,
    string? RelatedContactId = null);
