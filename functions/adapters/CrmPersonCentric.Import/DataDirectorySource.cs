using System.Collections.Immutable;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Import;

/// <summary>
/// A data directory, read and validated once (<see cref="OrgDataReader"/>), behind the ports an evaluation reads: its
/// personas, rules, taxonomies and people. What the Dataverse adapter and the people table are to the Functions app,
/// this is to cpc.
/// </summary>
public sealed class DataDirectorySource(OrgData data) : IPersonaSource, IDriftRuleSource, IPopulationSource, ITraitTaxonomySource, IThemeTaxonomySource
{
    private readonly TraitNormalizer _normalizer = new((data ?? throw new ArgumentNullException(nameof(data))).Taxonomy, TraitLimits.Default);

    /// <summary>The data read.</summary>
    public OrgData Data { get; } = data;

    /// <inheritdoc />
    public Task<ImmutableArray<Persona>> ActivePersonasAsync(CancellationToken cancellationToken = default) => Task.FromResult(Data.Personas);

    /// <inheritdoc />
    public Task<Persona?> FindAsync(Guid personaId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Data.Personas.FirstOrDefault(p => Guid.TryParse(p.Id, out var id) && id == personaId));

    /// <inheritdoc />
    /// <remarks>The directory's rules as they are (the shipped ones laid under them by the reader); the engine skips disabled rules.</remarks>
    public Task<ImmutableArray<DriftRule>> ActiveRulesAsync(CancellationToken cancellationToken = default) => Task.FromResult(Data.Rules);

    /// <inheritdoc />
    public Task<CompactPopulation> ReadAsync(ImmutableArray<Persona> personas, DateTimeOffset asOf, IProgress<double>? progress = null, ThemeTaxonomy? themes = null, CancellationToken cancellationToken = default)
    {
        var population = PopulationBuilder.Build(personas, Data.Profiles, Data.Signals, asOf, themes ?? Data.Themes);
        progress?.Report(1);
        return Task.FromResult(population);
    }

    /// <inheritdoc />
    public ValueTask<TraitNormalizer> NormalizerAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(_normalizer);

    /// <inheritdoc />
    public ValueTask<ThemeTaxonomy> ThemesAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Data.Themes);
}
