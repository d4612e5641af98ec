namespace CrmPersonCentric.Backend.Services;

/// <summary>The health endpoint's answer.</summary>
/// <param name="Status">healthy or unhealthy.</param>
/// <param name="Host">functions (the Azure Functions host) or standalone.</param>
/// <param name="Storage">healthy, or unavailable with the exception type.</param>
/// <param name="Dataverse">The configured environment's host name.</param>
public sealed record HealthReport(string Status, string Host, string Storage, string Dataverse)
{
    /// <summary>True when every check passed.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsHealthy => Status == "healthy";
}
