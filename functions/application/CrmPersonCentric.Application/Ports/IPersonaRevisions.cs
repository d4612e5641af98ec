namespace CrmPersonCentric.Application.Ports;

/// <summary>Persona revision suggestions and their decisions.</summary>
public interface IPersonaRevisions
{
    /// <summary>The revision, or null when it no longer exists.</summary>
    Task<PersonaRevisionRecord?> FindAsync(Guid revisionId, CancellationToken cancellationToken = default);

    /// <summary>The decision as the row holds it now (a replayed event must not act on an old image), or null when the revision is gone or undecided.</summary>
    Task<RevisionDecision?> DecisionAsync(Guid revisionId, CancellationToken cancellationToken = default);

    /// <summary>Marks the revision applied.</summary>
    Task MarkAppliedAsync(Guid revisionId, CancellationToken cancellationToken = default);
}
