namespace CrmPersonCentric.Application.Ports;

/// <summary>A decided revision, as "what changed" tells it.</summary>
/// <param name="PersonaId">The persona it revises.</param>
/// <param name="Title">What it proposed, in plain words ("Retire a trait: Budget cuts").</param>
/// <param name="Decision">Accepted, rejected or applied.</param>
/// <param name="DecidedOn">When it was decided.</param>
public sealed record DecidedRevision(string PersonaId, string Title, RevisionDecision Decision, DateTimeOffset DecidedOn);
