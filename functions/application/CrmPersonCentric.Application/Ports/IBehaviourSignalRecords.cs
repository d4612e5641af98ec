using CrmPersonCentric.Model.Signals;

namespace CrmPersonCentric.Application.Ports;

/// <summary>Behaviour signal rows recorded in the system of record.</summary>
public interface IBehaviourSignalRecords
{
    /// <summary>The signal row as the validator's input, or null when it no longer exists.</summary>
    Task<SignalInput?> FindAsync(Guid signalId, CancellationToken cancellationToken = default);
}
