namespace CrmPersonCentric.Functions.Services;

/// <summary>The health endpoint's answer.</summary>
/// <param name="Status">healthy or unhealthy.</param>
/// <param name="Mode">custom-handler or standalone.</param>
/// <param name="Storage">healthy, or unavailable with the exception type.</param>
/// <param name="Dataverse">The configured environment's host name.</param>
public sealed record HealthReport(string Status, string Mode, string Storage, string Dataverse);
