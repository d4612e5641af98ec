namespace CrmPersonCentric.Model;

/// <summary>The ICP attributes of the contact's account.</summary>
/// <param name="Industry">Industry key (e.g. "manufacturing"); null when unknown.</param>
/// <param name="EmployeeCount">Number of employees; null when unknown.</param>
/// <param name="Region">Region key (e.g. "emea"); null when unknown.</param>
public sealed record AccountProfile(string? Industry, int? EmployeeCount, string? Region)
{
    /// <summary>An account about which nothing is known.</summary>
    public static AccountProfile Unknown { get; } = new(null, null, null);
}
