using System.Diagnostics;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Backend.Runtime;
using CrmPersonCentric.Backend.Storage;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Reports;
using Microsoft.Extensions.Logging;

namespace CrmPersonCentric.Backend.Services;

/// <summary>
/// One drift evaluation: personas, rules and the taxonomy from the system of record, the people rows and behaviour
/// summaries from Tables (<see cref="PopulationReader"/>: bucket by bucket, never the signal history), the engine, then findings and suggestions back to
/// the system of record and the run into the history. A lease keeps two overlapping runs from both writing.
/// </summary>
public sealed partial class EvaluationService(
    IPersonaSource personas,
    IDriftRuleSource rules,
    PopulationReader population,
    ISuggestionSuppressions suppressions,
    LeaseStore leases,
    RunStore runs,
    TrendStore trends,
    IDriftResultWriter writer,
    ITraitTaxonomySource taxonomy,
    IThemeTaxonomySource themes,
    Telemetry telemetry,
    TimeProvider time,
    ILogger<EvaluationService> logger)
{
    /// <summary>The lease name of writing runs.</summary>
    public const string LeaseName = "evaluate-drift";

    /// <summary>How long a run may hold the lease before another may take it over.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(30);

    /// <summary>Runs an evaluation; with <paramref name="write"/> it takes the lease and writes the results.</summary>
    public async Task<EvaluationResult> RunAsync(string trigger, bool write, CancellationToken cancellationToken = default)
    {
        using var activity = Telemetry.Source.StartActivity("evaluation.run");
        var started = time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        string? lease = null;
        if (write)
        {
            lease = await leases.TryAcquireAsync(LeaseName, LeaseDuration, cancellationToken).ConfigureAwait(false);
            if (lease is null)
            {
                LogSkipped(logger, trigger);
                return new EvaluationResult("skipped: another evaluation holds the lease", [], null, null, 0);
            }
        }

        try
        {
            var definitions = await personas.ActivePersonasAsync(cancellationToken).ConfigureAwait(false);
            var activeRules = await rules.ActiveRulesAsync(cancellationToken).ConfigureAwait(false);
            var asOf = time.GetUtcNow();
            telemetry.EvaluationProgress = 0;
            var read = new SynchronousProgress<double>(share =>
            {
                telemetry.EvaluationProgress = share * ReadShare;
                if (Quarter(share) is { } quarter)
                {
                    LogProgress(logger, trigger, quarter, stopwatch.ElapsedMilliseconds);
                }
            });
            var themeTaxonomy = await themes.ThemesAsync(cancellationToken).ConfigureAwait(false);
            var contacts = await population.ReadAsync(definitions, asOf, read, themeTaxonomy, cancellationToken).ConfigureAwait(false);
            var suppressed = await suppressions.SuppressedKeysAsync(cancellationToken).ConfigureAwait(false);
            var normalizer = await taxonomy.NormalizerAsync(cancellationToken).ConfigureAwait(false);
            var evaluation = new DriftEngine(new EvaluationOptions { SuppressedSuggestionKeys = suppressed, Taxonomy = normalizer.Taxonomy, Themes = themeTaxonomy })
                .Evaluate(contacts, activeRules, new SynchronousProgress<double>(share => telemetry.EvaluationProgress = ReadShare + (share * (1 - ReadShare))));
            telemetry.EvaluationProgress = 1;
            telemetry.ContactsEvaluated.Add(contacts.Count);
            DriftWriteResult? written = null;
            if (write)
            {
                written = await writer.WriteAsync(evaluation, cancellationToken).ConfigureAwait(false);
                await runs.RecordRunAsync(new RunRecord(trigger, started, stopwatch.ElapsedMilliseconds, asOf, contacts.Count, written.FindingsOpen, evaluation.Suggestions.Length, "completed"), cancellationToken).ConfigureAwait(false);
                await trends.RecordAsync(RunHistory.Append([], evaluation), cancellationToken).ConfigureAwait(false);
                telemetry.Findings.Add(written.FindingsOpen);
            }

            telemetry.RunDuration.Record(stopwatch.Elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("trigger", trigger));
            var driftCount = evaluation.Drift.Count();
            LogCompleted(logger, trigger, contacts.Count, driftCount, evaluation.Suggestions.Length, stopwatch.ElapsedMilliseconds);
            return new EvaluationResult("completed", definitions, evaluation, written, contacts.Count, stopwatch.Elapsed);
        }
        finally
        {
            if (lease is not null)
            {
                await leases.ReleaseAsync(LeaseName, lease, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The share of a run's progress that reading storage stands for (the engine takes the rest).</summary>
    private const double ReadShare = 0.9;

    private static int? Quarter(double share) => share is 0.25 or 0.5 or 0.75 or 1 ? (int)(share * 100) : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Evaluation ({Trigger}): {Percent}% of the people table read after {ElapsedMs} ms")]
    private static partial void LogProgress(ILogger logger, string trigger, int percent, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evaluation ({Trigger}) skipped: another run holds the lease")]
    private static partial void LogSkipped(ILogger logger, string trigger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evaluation ({Trigger}) of {Contacts} contacts: {Findings} drift findings, {Suggestions} suggestions in {ElapsedMs} ms")]
    private static partial void LogCompleted(ILogger logger, string trigger, int contacts, int findings, int suggestions, long elapsedMs);
}
