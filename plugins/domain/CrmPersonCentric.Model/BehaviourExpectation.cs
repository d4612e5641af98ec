namespace CrmPersonCentric.Model;

/// <summary>What a persona's people are expected to do within an evaluation window.</summary>
/// <param name="Type">The behaviour.</param>
/// <param name="Layer">For <see cref="BehaviourType.MessagingResponse"/>, the messaging layer; null otherwise.</param>
/// <param name="ExpectedShare">Expected share of tagged people showing the behaviour at least once in the window, in [0, 1].</param>
/// <param name="ExpectedRatePerPersonYear">Optional expected number of such events per person per year.</param>
public sealed record BehaviourExpectation(
    BehaviourType Type,
    MessagingLayer? Layer,
    double ExpectedShare,
    double? ExpectedRatePerPersonYear = null)
{
    /// <summary>A short, stable key such as "referral" or "messagingresponse-l4".</summary>
    public string Key => BehaviourKeys.For(Type, Layer);
}
