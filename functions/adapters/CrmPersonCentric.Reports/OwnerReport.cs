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

    /// <summary>What changed since the last run, for these personas.</summary>
    public RunChanges Changes { get; init; } = RunChanges.None;

    /// <summary>Revisions of these personas decided since the last run.</summary>
    public ImmutableArray<DecidedRevision> Decisions { get; init; } = [];

    /// <summary>Where links lead.</summary>
    public ReportLinks Links { get; init; } = ReportLinks.None;

    /// <summary>The row ids of the suggestions still proposed, by key.</summary>
    public IReadOnlyDictionary<string, Guid> RevisionRows { get; init; } = new Dictionary<string, Guid>(StringComparer.Ordinal);

    /// <summary>The folder the reports are archived under.</summary>
    public string? Folder { get; init; }

    /// <summary>The reports of every owner of a request's personas, with what changed and where links lead.</summary>
    public static ImmutableArray<OwnerReport> ForEachOwner(ReportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return [.. ForEachOwner(request.Organisation, request.Personas, request.Evaluation, request.History, request.Taxonomy, request.Run).Select(r =>
        {
            var ids = r.Personas.Select(p => p.PersonaId).ToHashSet(StringComparer.Ordinal);
            var changes = request.Changes;
            return r with
            {
                Changes = changes with { Findings = [.. changes.Findings.Where(f => ids.Contains(f.PersonaId))], Personas = [.. changes.Personas.Where(p => ids.Contains(p.PersonaId))] },
                Decisions = [.. request.Decisions.Where(d => ids.Contains(d.PersonaId))],
                Links = request.Links,
                RevisionRows = request.RevisionRows,
                Folder = request.Folder,
            };
        })];
    }

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

    /// <summary>The digest's file name.</summary>
    public string DigestFileName => new RenderedReport(FileName, Owner, string.Empty).DigestFileName;

    /// <summary>A file-name-safe form of the owner id.</summary>
    public string FileName => "report-" + View.OwnerViews.Slug(Owner.Id) + ".html";
}
