namespace CrmPersonCentric.Functions.Http;

/// <summary>What the anonymous health endpoint answers: healthy or unhealthy, nothing about why.</summary>
/// <param name="Status">healthy or unhealthy.</param>
public sealed record HealthStatus(string Status);
