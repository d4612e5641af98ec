using System.Collections.Immutable;
using CrmPersonCentric.Application.History;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Application.Ports;

/// <summary>What a run's reports are made of.</summary>
/// <param name="Organisation">The organisation's name, for the headers.</param>
/// <param name="Personas">The personas evaluated.</param>
/// <param name="Evaluation">The engine's result.</param>
/// <param name="History">Earlier runs' points and this run's, for trends and what changed.</param>
/// <param name="Taxonomy">The trait taxonomy, for labels.</param>
/// <param name="Run">What the run did (contacts, duration, what was left out).</param>
public sealed record ReportRequest(string Organisation, ImmutableArray<Persona> Personas, DriftEvaluation Evaluation, ImmutableArray<TrendPoint> History, TraitTaxonomy Taxonomy, RunFacts Run)
{
    /// <summary>What changed since the last run (new, worse, better and resolved findings; persona versions).</summary>
    public RunChanges Changes { get; init; } = RunChanges.None;

    /// <summary>Revisions decided since the last run.</summary>
    public ImmutableArray<DecidedRevision> Decisions { get; init; } = [];

    /// <summary>Where links lead (Dataverse, the published reports).</summary>
    public ReportLinks Links { get; init; } = ReportLinks.None;

    /// <summary>The Dataverse row id of each suggestion still proposed, by suggestion key (for links to accept or reject it).</summary>
    public IReadOnlyDictionary<string, Guid> RevisionRows { get; init; } = new Dictionary<string, Guid>(StringComparer.Ordinal);

    /// <summary>The folder the reports are archived under (the day, for the weekly report), for links to the full report.</summary>
    public string? Folder { get; init; }
}
