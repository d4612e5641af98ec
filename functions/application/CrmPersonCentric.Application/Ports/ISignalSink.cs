using CrmPersonCentric.Model;

namespace CrmPersonCentric.Application.Ports;

/// <summary>Where behaviour signals go.</summary>
public interface ISignalSink
{
    /// <summary>Records a behaviour signal (idempotent by signal id; dropped when its contact was erased).</summary>
    Task RecordSignalAsync(BehaviourSignal signal, CancellationToken cancellationToken = default);
}
