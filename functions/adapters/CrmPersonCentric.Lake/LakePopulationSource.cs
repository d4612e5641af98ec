using System.Collections.Immutable;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Lake;

/// <summary>Where the backend reads its evaluation's people from when not from its own tables.</summary>
public sealed class LakeOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Lake";

    /// <summary>
    /// The folder of a lake export of Dataverse (Delta tables or CSV with model.json) as the host sees it: a mounted
    /// storage share or a copied folder. Empty: the evaluation reads the people and behaviour tables (the default).
    /// </summary>
    public string? Path { get; set; }
}

/// <summary>
/// The backend's optional population source past one storage account: each evaluation opens the lake export named by
/// <see cref="LakeOptions.Path"/> and reads the tagged contacts and their signals from it (<see cref="LakeSource"/>),
/// normalising traits with the organisation's taxonomy. The personas still come from Dataverse (the caller's), so a
/// persona edited since the last export is evaluated as it is now; contacts and signals are as fresh as the export.
/// </summary>
public sealed partial class LakePopulationSource(IOptions<LakeOptions> options, ITraitTaxonomySource taxonomy, ILogger<LakePopulationSource>? logger = null) : IPopulationSource
{
    /// <inheritdoc />
    public async Task<CompactPopulation> ReadAsync(ImmutableArray<Persona> personas, DateTimeOffset asOf, IProgress<double>? progress = null, ThemeTaxonomy? themes = null, CancellationToken cancellationToken = default)
    {
        var path = options.Value.Path;
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new LakeException($"{LakeOptions.SectionName}:{nameof(LakeOptions.Path)} is not set: no lake export to read.");
        }

        var normalizer = await taxonomy.NormalizerAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var lake = DataverseLake.Open(path);
            var source = new LakeSource(lake, normalizer);
            var population = await source.ReadAsync(personas, asOf, progress, themes, cancellationToken).ConfigureAwait(false);
            if (source.DuplicateContacts > 0 || source.TextsWithProblems > 0)
            {
                // Counts only: the rows and texts are people's data.
                LogLeftOut(logger ?? NullLogger<LakePopulationSource>.Instance, source.DuplicateContacts, source.TextsWithProblems);
            }

            foreach (var applied in lake.Applied)
            {
                // Table names and counts only.
                LogApplied(logger ?? NullLogger<LakePopulationSource>.Instance, applied);
            }

            return population;
        }
        catch (DuckDB.NET.Data.DuckDBException ex)
        {
            // DuckDB's message may quote a value of the export (a trait text in a CSV line): the run log and the
            // telemetry get its kind only, and no inner exception to print it.
            throw new LakeException($"The lake export at {LakeOptions.SectionName}:{nameof(LakeOptions.Path)} could not be read ({LakeException.KindOf(ex)}): check that the folder holds a complete Dataverse export (Delta tables or CSV with model.json).");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lake export read with {DuplicateContacts} contact rows left out (an id, or its account's, held twice without versions) and {TextsWithProblems} distinct trait texts with parts left out (too long, not text, too many items)")]
    private static partial void LogLeftOut(ILogger logger, int duplicateContacts, int textsWithProblems);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lake export read as its Delta log asks: {Applied}")]
    private static partial void LogApplied(ILogger logger, string applied);
}

/// <summary>Registers the lake as the evaluation's population source when configured.</summary>
public static class LakeServiceCollectionExtensions
{
    /// <summary>
    /// When <c>Lake:Path</c> is set, the evaluation reads its people from that lake export instead of the people and
    /// behaviour tables (the webhook pipeline still keeps the tables current); otherwise nothing changes.
    /// </summary>
    public static IServiceCollection AddLakePopulation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(configuration[$"{LakeOptions.SectionName}:{nameof(LakeOptions.Path)}"]))
        {
            return services;
        }

        services.AddOptions<LakeOptions>().BindConfiguration(LakeOptions.SectionName)
            .Validate(o => System.IO.Path.IsPathFullyQualified(o.Path!), "Lake:Path must be an absolute path (the mounted or copied lake export's folder).")
            .ValidateOnStart();
        services.Replace(ServiceDescriptor.Singleton<IPopulationSource, LakePopulationSource>());
        return services;
    }
}
