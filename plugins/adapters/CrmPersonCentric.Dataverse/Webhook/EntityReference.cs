namespace CrmPersonCentric.Dataverse.Webhook;

/// <summary>A reference to a row (lookup value).</summary>
/// <param name="LogicalName">The table.</param>
/// <param name="Id">The row id.</param>
/// <param name="Name">The primary name, when sent.</param>
public sealed record EntityReference(string LogicalName, Guid Id, string? Name = null);
