using System.Collections.Concurrent;
using System.Collections.Immutable;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Dataverse.Records;

/// <summary>
/// Remembers the personas read during one unit of work (one inbox message with its deliveries, one reconciliation), so
/// a batch of deliveries for contacts of the same persona reads the persona once. Registered per scope: definitions
/// are never kept longer than the batch that read them.
/// </summary>
public sealed class CachingPersonaSource(WebApiPersonaSource inner) : IPersonaSource
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task<Persona?>>> _found = new();

    /// <inheritdoc />
    public async Task<ImmutableArray<Persona>> ActivePersonasAsync(CancellationToken cancellationToken = default)
    {
        var personas = await inner.ActivePersonasAsync(cancellationToken).ConfigureAwait(false);
        foreach (var persona in personas)
        {
            if (Guid.TryParse(persona.Id, out var id))
            {
                _found.TryAdd(id, new Lazy<Task<Persona?>>(Task.FromResult<Persona?>(persona)));
            }
        }

        return personas;
    }

    /// <inheritdoc />
    public Task<Persona?> FindAsync(Guid personaId, CancellationToken cancellationToken = default)
    {
        var found = _found.GetOrAdd(personaId, id => new Lazy<Task<Persona?>>(() => ReadAsync(id)));
        return found.Value.WaitAsync(cancellationToken);
    }

    // A failed read is not remembered: the next delivery of the batch (or its retry) reads again.
    private async Task<Persona?> ReadAsync(Guid personaId)
    {
        try
        {
            return await inner.FindAsync(personaId, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            _found.TryRemove(personaId, out _);
            throw;
        }
    }
}
