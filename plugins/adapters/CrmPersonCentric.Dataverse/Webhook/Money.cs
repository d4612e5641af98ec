namespace CrmPersonCentric.Dataverse.Webhook;

/// <summary>A currency amount.</summary>
/// <param name="Value">The amount.</param>
public sealed record Money(decimal Value);
