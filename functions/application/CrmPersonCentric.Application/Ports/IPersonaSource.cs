using System.Collections.Immutable;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Application.Ports;

/// <summary>Persona definitions, read from the system of record.</summary>
public interface IPersonaSource
{
    /// <summary>Every active persona that is a valid definition (invalid ones are skipped and logged by id and field).</summary>
    Task<ImmutableArray<Persona>> ActivePersonasAsync(CancellationToken cancellationToken = default);

    /// <summary>One persona, or null when it does not exist or is not a valid definition yet.</summary>
    Task<Persona?> FindAsync(Guid personaId, CancellationToken cancellationToken = default);
}
