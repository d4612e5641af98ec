using CrmPersonCentric.Application;
using CrmPersonCentric.Application.Evaluation;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Application.Reports;
using CrmPersonCentric.Cli.Local;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Import;
using CrmPersonCentric.Lake;
using CrmPersonCentric.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPersonCentric.Cli;

/// <summary>
/// The main job: read a data directory, then run the application's "evaluate drift" and "publish the reports" over it,
/// as the Functions app runs them over Dataverse and storage. The data directory stands behind the ports an evaluation
/// reads; the output directory behind those it writes (findings, suggestions, summaries, enrichment worklists and
/// advocates as JSON, the run history, one HTML report per persona owner and an index). Outputs are staged and moved
/// into place only when every file was written, so a failed run never leaves half its outputs behind.
/// </summary>
public static class EvaluationRunner
{
    /// <summary>Findings file name.</summary>
    public const string FindingsFile = RunOutputFiles.FindingsFile;

    /// <summary>Suggestions file name.</summary>
    public const string SuggestionsFile = RunOutputFiles.SuggestionsFile;

    /// <summary>Per-persona summaries file name.</summary>
    public const string SummaryFile = RunOutputFiles.SummaryFile;

    /// <summary>Per-persona enrichment worklists file name (contact ids only).</summary>
    public const string EnrichmentFile = RunOutputFiles.EnrichmentFile;

    /// <summary>Per-persona advocates and connectors file name (contact ids and reasons, never names).</summary>
    public const string AdvocatesFile = RunOutputFiles.AdvocatesFile;

    /// <summary>Index page file name.</summary>
    public const string IndexFile = HtmlReports.IndexFileName;

    /// <summary>Runs the job; progress goes from 0 to 1 with a short description of the step.</summary>
    /// <exception cref="ImportException">The data directory is invalid.</exception>
    /// <exception cref="Model.ModelValidationException">The rules file is invalid.</exception>
    public static EvaluateResult Run(EvaluateRequest request, IProgress<(double Fraction, string Step)>? progress = null) =>
        // Every port of the run completes synchronously (memory and local files) and a console has no synchronization
        // context, so waiting here cannot deadlock.
        RunAsync(request, progress).GetAwaiter().GetResult();

    /// <inheritdoc cref="Run"/>
    public static async Task<EvaluateResult> RunAsync(EvaluateRequest request, IProgress<(double Fraction, string Step)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        progress?.Report((0, "Reading data"));
        var options = new ImportOptions { RulesFile = request.RulesFile, Strict = request.Strict };
        using var lake = request.LakeDirectory is { } lakeDirectory ? DataverseLake.Open(lakeDirectory) : null;
        LakeSource? lakeSource = null;
        var data = lake is null
            ? OrgDataReader.Read(request.DataDirectory!, options)
            : OrgDataReader.ReadSettings(request.DataDirectory, options, Path.GetFileName(Path.GetFullPath(request.LakeDirectory!)), normalizer =>
            {
                lakeSource = new LakeSource(lake, normalizer);
                return lakeSource.ActivePersonas();
            });
        var asOf = request.AsOf ?? data.ExportedOn ?? DateTimeOffset.UtcNow;

        using var output = new StagedOutput(request.OutputDirectory);
        await using var services = Compose(data, lakeSource, asOf, output, new ReportOptions { Organisation = data.Organisation, EnvironmentUrl = request.EnvironmentUrl, AppId = request.AppId });
        await using var scope = services.CreateAsyncScope();
        progress?.Report((0.1, "Evaluating drift"));
        var result = await scope.ServiceProvider.GetRequiredService<EvaluateDrift>().RunAsync(
            "cli",
            progress is null ? null : new SynchronousProgress<double>(f => progress.Report((0.1 + (0.7 * f), "Evaluating drift"))),
            cancellationToken).ConfigureAwait(false);
        var evaluation = result.Evaluation ?? throw new InvalidOperationException("The evaluation did not run: " + result.Outcome);

        progress?.Report((0.8, "Rendering reports"));
        var run = new RunFacts(result.Contacts, stopwatch.Elapsed) { ContactsLeftOut = data.Notes.ContactsLeftOut };
        await scope.ServiceProvider.GetRequiredService<PublishReports>().PublishAsync(data.Organisation, result, data.Taxonomy, run, cancellationToken: cancellationToken).ConfigureAwait(false);

        progress?.Report((0.9, "Writing outputs"));
        var files = output.Commit();
        progress?.Report((1, "Done"));
        return new EvaluateResult(data, evaluation, files) { LakePersonaProblems = [.. lakeSource?.PersonaProblems ?? []], LakePersonasLeftOut = lakeSource?.InvalidPersonas ?? 0, LakeDuplicateContacts = lakeSource?.DuplicateContacts ?? 0,
            LakeTextsWithProblems = lakeSource?.TextsWithProblems ?? 0, LakeTraitLimits = lakeSource?.TraitLimits, LakeApplied = [.. lake?.Applied ?? []] };
    }

    // The application's actions over the data directory (what they read) and the staged output directory (what they
    // write). Only the ports an evaluation and its reports use are here: the other actions are the Functions app's.
    private static ServiceProvider Compose(OrgData data, LakeSource? lake, DateTimeOffset asOf, StagedOutput output, ReportOptions reports)
    {
        var services = new ServiceCollection().AddLogging().AddMetrics();
        services.AddSingleton<TimeProvider>(new AsOfClock(asOf));
        services.AddApplication();
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(reports));
        var source = new DataDirectorySource(data);
        services.AddSingleton<IPersonaSource>(lake is null ? source : lake);
        services.AddSingleton<IDriftRuleSource>(source);
        services.AddSingleton<IPopulationSource>(lake is null ? source : lake);
        services.AddSingleton<ITraitTaxonomySource>(source);
        services.AddSingleton<IThemeTaxonomySource>(source);
        services.AddSingleton<ISuggestionSuppressions, NoSuppressions>();
        services.AddSingleton<IRevisionDecisions, NoDecisions>();
        services.AddSingleton<ILeases, SingleProcessLeases>();
        services.AddSingleton<IRunLog, NoRunLog>();
        services.AddSingleton<IDriftResultWriter>(new RunOutputFiles(output, data.Organisation, data.Rules));
        services.AddSingleton<ITrendStore>(new RunHistoryFile(output));
        services.AddSingleton<IReportRenderer>(new HtmlReports(RunOutputFiles.Files));
        services.AddSingleton<IReportArchive>(new FolderReportArchive(output.Staging));
        return services.BuildServiceProvider(validateScopes: true);
    }
}
