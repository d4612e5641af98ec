namespace CrmPersonCentric.Functions.Http;

/// <summary>The answer to an accepted webhook delivery.</summary>
/// <param name="Id">The inbox id of the delivery.</param>
public sealed record AcceptedDelivery(string Id);
