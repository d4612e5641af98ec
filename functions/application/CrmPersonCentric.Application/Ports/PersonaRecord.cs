namespace CrmPersonCentric.Application.Ports;

/// <summary>A persona as stored: the definition, its concurrency token and its change log.</summary>
/// <param name="Persona">The definition.</param>
/// <param name="ETag">The row's ETag; saving a new version is conditional on it.</param>
/// <param name="ChangeLog">One line per applied revision, oldest first.</param>
public sealed record PersonaRecord(Model.Persona Persona, string? ETag, string ChangeLog);
