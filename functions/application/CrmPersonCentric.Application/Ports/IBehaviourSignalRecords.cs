namespace CrmPersonCentric.Application.Ports;

/// <summary>Behaviour signal rows recorded in the system of record.</summary>
public interface IBehaviourSignalRecords
{
    /// <summary>The signal row read as a signal, or null when it no longer exists.</summary>
    Task<SignalReading?> FindAsync(Guid signalId, CancellationToken cancellationToken = default);
}
