using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Cli.Local;

/// <summary>cpc keeps no run log: the output directory's summary.json and history.json say what ran.</summary>
internal sealed class NoRunLog : IRunLog
{
    public Task RecordRunAsync(RunRecord run, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
