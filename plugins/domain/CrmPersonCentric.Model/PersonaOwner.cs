namespace CrmPersonCentric.Model;

/// <summary>The marketing lead who owns a persona and receives its report.</summary>
/// <param name="Id">Stable id (the Dataverse systemuser id, or any unique key in an export).</param>
/// <param name="DisplayName">Name shown in the report header.</param>
/// <param name="Email">Where the scheduled report goes.</param>
public sealed record PersonaOwner(string Id, string DisplayName, string? Email);
