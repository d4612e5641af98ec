using System.Diagnostics;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Functions.Hosting;
using CrmPersonCentric.Functions.Storage;
using CrmPersonCentric.Reports;
using Microsoft.Extensions.Logging;

namespace CrmPersonCentric.Functions.Services;

/// <summary>
/// One drift evaluation: personas and rules from Dataverse, snapshots (one row per contact, all personas read in one pass over the 64 hash buckets) and signals from
/// Tables, the engine, then findings and suggestions back to Dataverse and the run into the history. A lease keeps
/// two overlapping runs from both writing.
/// </summary>
public sealed partial class EvaluationService(
    DataverseDefinitions definitions,
    SnapshotStore snapshots,
    RunStore runs,
    DataverseDriftWriter writer,
    Telemetry telemetry,
    TimeProvider time,
    ILogger<EvaluationService> logger)
{
    /// <summary>The lease name of writing runs.</summary>
    public const string LeaseName = "evaluate-drift";

    /// <summary>How long a run may hold the lease before another may take it over.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(30);

    /// <summary>Runs an evaluation; with <paramref name="write"/> it takes the lease and writes the results.</summary>
    public async Task<EvaluationResult> RunAsync(string trigger, bool write, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Source.StartActivity("evaluation.run");
        var started = time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        string? lease = null;
        if (write)
        {
            lease = await runs.TryAcquireLeaseAsync(LeaseName, LeaseDuration, cancellationToken).ConfigureAwait(false);
            if (lease is null)
            {
                LogSkipped(logger, trigger);
                return new EvaluationResult("skipped: another evaluation holds the lease", [], null, null, 0);
            }
        }

        try
        {
            var personas = await definitions.PersonasAsync(cancellationToken).ConfigureAwait(false);
            var rules = await definitions.RulesAsync(cancellationToken).ConfigureAwait(false);
            var asOf = time.GetUtcNow();
            var builder = new PopulationBuilder(personas, asOf);
            await foreach (var profile in snapshots.ProfilesAsync(cancellationToken).ConfigureAwait(false))
            {
                builder.Add(profile); // contacts of personas that no longer exist are left out
            }

            var longestWindow = rules.Where(r => r.Enabled).Select(r => r.WindowDays).DefaultIfEmpty(90).Max();
            await foreach (var signal in snapshots.SignalsSinceAsync(asOf.AddDays(-2 * longestWindow), cancellationToken).ConfigureAwait(false))
            {
                builder.AddSignal(signal);
            }

            var suppressed = await snapshots.SuppressedKeysAsync(cancellationToken).ConfigureAwait(false);
            var population = builder.Build();
            var evaluation = new DriftEngine(new EvaluationOptions { SuppressedSuggestionKeys = suppressed }).Evaluate(population, rules);
            DriftWriteResult? written = null;
            if (write)
            {
                written = await writer.WriteAsync(evaluation, cancellationToken).ConfigureAwait(false);
                var points = RunHistory.Append([], evaluation);
                await runs.RecordRunAsync(new RunRecord(trigger, started, stopwatch.ElapsedMilliseconds, asOf, population.Count, written.FindingsOpen, evaluation.Suggestions.Length, "completed"), points, cancellationToken).ConfigureAwait(false);
                telemetry.Findings.Add(written.FindingsOpen);
            }

            telemetry.RunDuration.Record(stopwatch.Elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("trigger", trigger));
            var driftCount = evaluation.Drift.Count();
            LogCompleted(logger, trigger, population.Count, driftCount, evaluation.Suggestions.Length, stopwatch.ElapsedMilliseconds);
            return new EvaluationResult("completed", personas, evaluation, written, population.Count);
        }
        finally
        {
            if (lease is not null)
            {
                await runs.ReleaseLeaseAsync(LeaseName, lease, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Evaluation ({Trigger}) skipped: another run holds the lease")]
    private static partial void LogSkipped(ILogger logger, string trigger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evaluation ({Trigger}) of {Contacts} contacts: {Findings} drift findings, {Suggestions} suggestions in {ElapsedMs} ms")]
    private static partial void LogCompleted(ILogger logger, string trigger, int contacts, int findings, int suggestions, long elapsedMs);
}
