using Azure.Data.Tables;

using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Storage;

/// <summary>The runs table: the history of evaluation runs (trigger, duration, contacts, findings, outcome).</summary>
public sealed class RunStore(StorageClients storage) : IRunLog
{
    /// <summary>Records a run's outcome (a run with the same start time replaces it).</summary>
    public async Task RecordRunAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await storage.Table(TableNames.Runs).UpsertEntityAsync(new TableEntity("run", TableKeys.Descending(run.StartedOn))
        {
            ["Trigger"] = run.Trigger,
            ["StartedOn"] = run.StartedOn,
            ["DurationMs"] = run.DurationMs,
            ["AsOf"] = run.AsOf,
            ["Contacts"] = run.Contacts,
            ["DriftFindings"] = run.DriftFindings,
            ["Suggestions"] = run.Suggestions,
            ["Outcome"] = run.Outcome,
        }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The most recent runs, newest first.</summary>
    public async Task<IReadOnlyList<RunRecord>> RecentRunsAsync(int max, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var runs = new List<RunRecord>();
        await foreach (var row in storage.Table(TableNames.Runs).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"run"}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            runs.Add(new RunRecord(row.GetString("Trigger"), row.GetDateTimeOffset("StartedOn") ?? default, row.GetInt64("DurationMs") ?? 0, row.GetDateTimeOffset("AsOf") ?? default,
                row.GetInt32("Contacts") ?? 0, row.GetInt32("DriftFindings") ?? 0, row.GetInt32("Suggestions") ?? 0, row.GetString("Outcome")));
            if (runs.Count >= max)
            {
                break;
            }
        }

        return runs;
    }
}
