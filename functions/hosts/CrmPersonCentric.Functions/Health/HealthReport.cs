using System.Collections.Immutable;

namespace CrmPersonCentric.Functions.Health;

/// <summary>The health check's full answer (the admin health endpoint's; anonymous callers get <see cref="Status"/> only).</summary>
/// <param name="Status">healthy or unhealthy.</param>
/// <param name="Host">functions (the Azure Functions host) or standalone.</param>
/// <param name="Storage">healthy; missing (with <paramref name="Missing"/>); or unavailable with the exception type.</param>
/// <param name="Missing">The app's own tables, queues and containers that did not exist at the check (each recreated by it).</param>
/// <param name="Dataverse">The configured environment's host name.</param>
/// <param name="Lake">With <c>Lake:Path</c> set: healthy when the folder holds a lake export, missing when it does not (an unmounted share), or unavailable with the exception type; otherwise null.</param>
public sealed record HealthReport(string Status, string Host, string Storage, ImmutableArray<string> Missing, string Dataverse, string? Lake = null)
{
    /// <summary>True when every check passed.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsHealthy => Status == "healthy";
}
