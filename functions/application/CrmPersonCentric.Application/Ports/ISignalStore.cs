using CrmPersonCentric.Model;

namespace CrmPersonCentric.Application.Ports;

/// <summary>People's behaviour signals, kept per contact, with the behaviour summary evaluation reads instead of them.</summary>
public interface ISignalStore
{
    /// <summary>Stores one signal (idempotent by its id); nothing for an erased contact.</summary>
    Task RecordSignalAsync(BehaviourSignal signal, CancellationToken cancellationToken = default);

    /// <summary>Stores signals (idempotent by id); returns how many were dropped because their contact was erased.</summary>
    Task<int> RecordSignalsAsync(IEnumerable<BehaviourSignal> signals, CancellationToken cancellationToken = default);

    /// <summary>Deletes every signal of a contact and its summary (erasure).</summary>
    Task DeleteContactAsync(string contactId, CancellationToken cancellationToken = default);

    /// <summary>Deletes signals older than the configured retention; returns how many.</summary>
    Task<int> ApplyRetentionAsync(CancellationToken cancellationToken = default);
}
