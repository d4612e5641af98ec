using System.Collections.Immutable;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Application.Ports;

/// <summary>Where an evaluation's people come from: the tagged contacts and their behaviour, as the engine's compact population.</summary>
public interface IPopulationSource
{
    /// <summary>The population of the personas' tagged contacts as of a date; progress goes from 0 to 1.</summary>
    Task<CompactPopulation> ReadAsync(ImmutableArray<Persona> personas, DateTimeOffset asOf, IProgress<double>? progress = null, ThemeTaxonomy? themes = null, CancellationToken cancellationToken = default);
}
