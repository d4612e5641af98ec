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
}
