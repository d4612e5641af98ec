using CrmPersonCentric.Model;

namespace CrmPersonCentric.Application.Ports;

/// <summary>Persona rows for applying accepted revisions.</summary>
public interface IPersonaRecords
{
    /// <summary>The persona with its ETag and change log, or null when it does not exist.</summary>
    /// <exception cref="ModelValidationException">The stored persona is not a valid definition.</exception>
    Task<PersonaRecord?> FindRecordAsync(Guid personaId, CancellationToken cancellationToken = default);

    /// <summary>Saves a new version of the persona, only if the row is unchanged since <paramref name="current"/> was read.</summary>
    /// <remarks>When the row changed meanwhile the adapter throws its concurrency exception (HTTP 412); the queue retries the delivery.</remarks>
    Task SaveVersionAsync(PersonaRecord current, Persona updated, string changeLog, CancellationToken cancellationToken = default);

    /// <summary>Writes the persona's depth check and, when the definition changed, when (columns no step filters on, so the write triggers nothing).</summary>
    Task RecordDepthAsync(Guid personaId, string depthCheck, DateTimeOffset? revisedOn, CancellationToken cancellationToken = default);
}
