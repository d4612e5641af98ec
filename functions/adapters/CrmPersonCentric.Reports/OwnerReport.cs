using System.Collections.Immutable;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;

using CrmPersonCentric.Application.History;
using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Reports;

/// <summary>What one marketing lead's report shows.</summary>
/// <param name="Organisation">Organisation name for the header.</param>
/// <param name="Owner">The marketing lead.</param>
/// <param name="AsOf">The run's as-of date.</param>
/// <param name="Personas">The lead's personas.</param>
/// <param name="Findings">Findings of those personas.</param>
/// <param name="Suggestions">Suggestions for those personas.</param>
/// <param name="History">Trend points of those personas, this run included.</param>
/// <param name="Taxonomy">Labels for trait keys.</param>
/// <param name="Worklists">The enrichment worklists of those personas (only their sizes are shown: ids stay out of reports).</param>
public sealed record OwnerReport(
    string Organisation,
    PersonaOwner Owner,
    DateTimeOffset AsOf,
    ImmutableArray<PersonaSummary> Personas,
    ImmutableArray<Finding> Findings,
    ImmutableArray<RevisionSuggestion> Suggestions,
    ImmutableArray<TrendPoint> History,
    TraitTaxonomy Taxonomy,
    ImmutableArray<EnrichmentWorklist> Worklists)
{
    /// <summary>The run behind the report, shown in its header when known.</summary>
    public RunFacts? Run { get; init; }

    /// <summary>The reports of every owner of the evaluated personas.</summary>
    public static ImmutableArray<OwnerReport> ForEachOwner(
        string organisation,
        IEnumerable<Persona> personas,
        DriftEvaluation evaluation,
        ImmutableArray<TrendPoint> history,
        TraitTaxonomy taxonomy,
        RunFacts? run = null)
    {
        ArgumentNullException.ThrowIfNull(personas);
        ArgumentNullException.ThrowIfNull(evaluation);
        return
        [
            .. personas.GroupBy(p => p.Owner.Id, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(group =>
            {
                var ids = group.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
                return new OwnerReport(
                    organisation,
                    group.First().Owner,
                    evaluation.AsOf,
                    [.. evaluation.Personas.Where(p => ids.Contains(p.PersonaId))],
                    [.. evaluation.Findings.Where(f => ids.Contains(f.PersonaId))],
                    [.. evaluation.Suggestions.Where(s => ids.Contains(s.PersonaId))],
                    [.. (history.IsDefault ? [] : history).Where(h => ids.Contains(h.PersonaId))],
                    taxonomy,
                    [.. (evaluation.Worklists.IsDefault ? [] : evaluation.Worklists).Where(w => ids.Contains(w.PersonaId))]) { Run = run };
            }),
        ];
    }

    /// <summary>A file-name-safe form of the owner id.</summary>
    public string FileName => "report-" + new string(Owner.Id.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? char.ToLowerInvariant(c) : '-').ToArray()) + ".html";
}
