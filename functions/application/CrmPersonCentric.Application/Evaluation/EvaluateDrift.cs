using System.Collections.Immutable;
using System.Diagnostics;
using CrmPersonCentric.Application.History;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Model;
using Microsoft.Extensions.Logging;

namespace CrmPersonCentric.Application.Evaluation;

/// <summary>
/// "Evaluate drift": personas, rules and the taxonomies from the system of record, the people from their source (never
/// the signal history: the run's cost follows the contacts), the engine, then findings and suggestions back to the
/// system of record, the run into the log and its points into the history. A lease keeps two overlapping runs from both
/// writing. The Functions app (hourly, admin) and cpc run it alike; the weekly report previews it without writing.
/// </summary>
public sealed partial class EvaluateDrift(
    IPersonaSource personas,
    IDriftRuleSource rules,
    IPopulationSource population,
    ISuggestionSuppressions suppressions,
    ILeases leases,
    IRunLog runs,
    ITrendStore trends,
    IDriftResultWriter writer,
    ITraitTaxonomySource taxonomy,
    IThemeTaxonomySource themes,
    Telemetry telemetry,
    TimeProvider time,
    ILogger<EvaluateDrift> logger)
{
    /// <summary>The lease name of writing runs.</summary>
    public const string LeaseName = "evaluate-drift";

    /// <summary>How long a run may hold the lease before another may take it over.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(30);

    /// <summary>The share of a run's progress that reading the people stands for (the engine takes the rest).</summary>
    private const double ReadShare = 0.9;

    /// <summary>Runs an evaluation and writes its results; skipped when another run holds the lease.</summary>
    /// <param name="trigger">What started it (timer, admin, cli), for the log and the run record.</param>
    /// <param name="progress">Optional progress, 0 to 1 (reading the people up to 0.9, then the engine).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    public async Task<EvaluationResult> RunAsync(string trigger, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var lease = await leases.TryAcquireAsync(LeaseName, LeaseDuration, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            LogSkipped(logger, trigger);
            return new EvaluationResult("skipped: another evaluation holds the lease", [], null, null, 0);
        }

        try
        {
            var started = time.GetUtcNow();
            var stopwatch = Stopwatch.StartNew();
            var (definitions, contacts, evaluation, labels) = await EvaluateAsync(trigger, stopwatch, progress, cancellationToken).ConfigureAwait(false);
            var written = await writer.WriteAsync(evaluation, cancellationToken).ConfigureAwait(false);
            await runs.RecordRunAsync(new RunRecord(trigger, started, stopwatch.ElapsedMilliseconds, evaluation.AsOf, contacts, written.FindingsOpen, evaluation.Suggestions.Length, "completed"), cancellationToken).ConfigureAwait(false);
            await trends.RecordAsync(RunHistory.PointsOf(evaluation, labels), cancellationToken).ConfigureAwait(false);
            telemetry.Findings.Add(written.FindingsOpen);
            return Completed(trigger, definitions, evaluation, written, contacts, stopwatch);
        }
        finally
        {
            await leases.ReleaseAsync(LeaseName, lease, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Evaluates without writing anything (the weekly report; a preview): no lease, no run record, no history point.</summary>
    public async Task<EvaluationResult> PreviewAsync(string trigger, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var (definitions, contacts, evaluation, _) = await EvaluateAsync(trigger, stopwatch, progress, cancellationToken).ConfigureAwait(false);
        return Completed(trigger, definitions, evaluation, null, contacts, stopwatch);
    }

    private async Task<(ImmutableArray<Persona> Personas, int Contacts, DriftEvaluation Evaluation, Model.Taxonomy.TraitTaxonomy Labels)> EvaluateAsync(string trigger, Stopwatch stopwatch, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Source.StartActivity("evaluation.run");
        var definitions = await personas.ActivePersonasAsync(cancellationToken).ConfigureAwait(false);
        var activeRules = await rules.ActiveRulesAsync(cancellationToken).ConfigureAwait(false);
        var asOf = time.GetUtcNow();
        telemetry.EvaluationProgress = 0;
        var read = new SynchronousProgress<double>(share =>
        {
            telemetry.EvaluationProgress = share * ReadShare;
            progress?.Report(share * ReadShare);
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
            .Evaluate(contacts, activeRules, new SynchronousProgress<double>(share =>
            {
                telemetry.EvaluationProgress = ReadShare + (share * (1 - ReadShare));
                progress?.Report(ReadShare + (share * (1 - ReadShare)));
            }));
        telemetry.EvaluationProgress = 1;
        telemetry.ContactsEvaluated.Add(contacts.Count);
        return (definitions, contacts.Count, evaluation, normalizer.Taxonomy);
    }

    private EvaluationResult Completed(string trigger, ImmutableArray<Persona> definitions, DriftEvaluation evaluation, DriftWriteResult? written, int contacts, Stopwatch stopwatch)
    {
        telemetry.RunDuration.Record(stopwatch.Elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("trigger", trigger));
        var driftCount = evaluation.Drift.Count();
        LogCompleted(logger, trigger, contacts, driftCount, evaluation.Suggestions.Length, stopwatch.ElapsedMilliseconds);
        return new EvaluationResult("completed", definitions, evaluation, written, contacts, stopwatch.Elapsed);
    }

    private static int? Quarter(double share) => share is 0.25 or 0.5 or 0.75 or 1 ? (int)(share * 100) : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Evaluation ({Trigger}): {Percent}% of the people read after {ElapsedMs} ms")]
    private static partial void LogProgress(ILogger logger, string trigger, int percent, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evaluation ({Trigger}) skipped: another run holds the lease")]
    private static partial void LogSkipped(ILogger logger, string trigger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evaluation ({Trigger}) of {Contacts} contacts: {Findings} drift findings, {Suggestions} suggestions in {ElapsedMs} ms")]
    private static partial void LogCompleted(ILogger logger, string trigger, int contacts, int findings, int suggestions, long elapsedMs);
}
