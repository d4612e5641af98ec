namespace CrmPersonCentric.Application.Ports;

/// <summary>The record of evaluation runs (what ran, when, for how long, with what outcome).</summary>
public interface IRunLog
{
    /// <summary>Adds a run.</summary>
    Task RecordRunAsync(RunRecord run, CancellationToken cancellationToken = default);
}
