using System.Collections.Immutable;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Application.History;

/// <summary>
/// The per-persona measures of each run, over time: what trends and "what changed" are drawn from. A run with the same
/// as-of date replaces the earlier points instead of adding some, so re-running an evaluation never duplicates history.
/// </summary>
public static class RunHistory
{
    /// <summary>Points for at most this many as-of dates are kept.</summary>
    public const int MaxRuns = 104;

    /// <summary>Trait figures kept per persona and run at most (declared traits first, then traits with a finding).</summary>
    public const int MaxTraitMeasures = 40;

    /// <summary>Findings kept per persona and run at most (the most severe first).</summary>
    public const int MaxFindings = 60;

    /// <summary>The points of one evaluation, one per persona, with the figures trends draw and the findings "what changed" compares.</summary>
    /// <param name="evaluation">The evaluation.</param>
    /// <param name="taxonomy">Labels of trait keys (the default taxonomy when null).</param>
    public static ImmutableArray<TrendPoint> PointsOf(DriftEvaluation evaluation, TraitTaxonomy? taxonomy = null)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        taxonomy ??= TraitTaxonomy.Default;
        return [.. evaluation.Personas.Select(p => new TrendPoint(
            evaluation.AsOf,
            p.PersonaId,
            p.Version,
            p.TaggedPeople,
            p.MeanFit,
            p.PoorFitShare,
            p.OutsideIcpShare,
            evaluation.Drift.Count(f => f.PersonaId == p.PersonaId),
            p.Dimensions.IsEmpty ? 0 : p.Dimensions.Max(d => d.JensenShannonDistance))
        {
            Measures = MeasuresOf(p, evaluation.Findings, taxonomy),
            // The open findings first, then the ones now without enough people (so a finding that ran out of data is not "resolved").
            Findings = [.. evaluation.Findings
                .Where(f => f.PersonaId == p.PersonaId && f.Status is FindingStatus.Drift or FindingStatus.Opportunity or FindingStatus.DataQuality)
                .OrderByDescending(f => f.Severity).ThenBy(f => f.Id, StringComparer.Ordinal)
                .Take(MaxFindings)
                .Concat(evaluation.Findings.Where(f => f.PersonaId == p.PersonaId && f.Status == FindingStatus.InsufficientEvidence)
                    .OrderBy(f => f.Id, StringComparer.Ordinal).Take(MaxFindings))
                .Select(f => new FindingState(f.Id, f.Status, f.Severity, f.Headline, f.Evidence.Observed, f.Evidence.Expected))],
        })];
    }

    private static ImmutableArray<Measure> MeasuresOf(PersonaSummary p, ImmutableArray<Finding> findings, TraitTaxonomy taxonomy)
    {
        var flagged = findings.Where(f => f.PersonaId == p.PersonaId && f.Dimension is not null && f.Subject is not null && f.Status is FindingStatus.Drift or FindingStatus.Opportunity)
            .Select(f => (f.Dimension!.Value, f.Subject!)).ToHashSet();
        var measures = new List<Measure> { new("fit", "Mean fit", MeasureKind.Fit, p.MeanFit) };
        measures.AddRange(p.Dimensions.Select(d => new Measure(
            "coverage:" + d.Dimension.ToFieldName(), d.Dimension.ToDisplayName() + " recorded", MeasureKind.Coverage, d.Coverage, d.CoverageLow, d.CoverageHigh)));
        measures.AddRange(p.Traits
            .Where(t => t.Declared is not null || flagged.Contains((t.Dimension, t.Key)))
            .OrderBy(t => t.Declared is null)
            .Take(MaxTraitMeasures)
            .Select(t => new Measure(
                $"trait:{t.Dimension.ToFieldName()}:{t.Key}",
                $"{taxonomy.LabelOf(t.Dimension, t.Key)} ({Singular(t.Dimension)})",
                MeasureKind.Trait, t.Observed, t.IntervalLow, t.IntervalHigh, t.Declared)));
        measures.AddRange(p.Behaviours.Select(b => new Measure(
            "behaviour:" + b.Key, b.Label, MeasureKind.Behaviour, b.ObservedShare, b.IntervalLow, b.IntervalHigh, b.ExpectedShare)));
        return [.. measures];
    }

    private static string Singular(TraitDimension dimension) => dimension switch
    {
        TraitDimension.Aspiration => "aspiration",
        TraitDimension.CoreFear => "core fear",
        TraitDimension.PeerGroup => "peer group",
        _ => "community",
    };

    /// <summary>Runs of the last two days kept whole; before them, the last run of each day (the backend evaluates hourly).</summary>
    public static readonly TimeSpan KeptWhole = TimeSpan.FromDays(2);

    /// <summary>
    /// The history with these points added, replacing every earlier point of the same as-of dates, thinned: every run of
    /// the last two days, the last run of each earlier day, at most <see cref="MaxRuns"/> run dates.
    /// </summary>
    public static ImmutableArray<TrendPoint> Merge(ImmutableArray<TrendPoint> history, IEnumerable<TrendPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var added = points.ToList();
        var replaced = added.Select(p => p.AsOf).ToHashSet();
        var kept = (history.IsDefault ? [] : history).Where(h => !replaced.Contains(h.AsOf));
        var all = kept.Concat(added).OrderBy(h => h.AsOf).ThenBy(h => h.PersonaId, StringComparer.Ordinal).ToList();
        var dates = Thinned(all.Select(h => h.AsOf).Distinct()).OrderDescending().Take(MaxRuns).ToHashSet();
        return [.. all.Where(h => dates.Contains(h.AsOf))];
    }

    private static IEnumerable<DateTimeOffset> Thinned(IEnumerable<DateTimeOffset> dates)
    {
        var list = dates.ToList();
        if (list.Count == 0)
        {
            return [];
        }

        var cut = list.Max() - KeptWhole;
        return list.Where(d => d > cut).Concat(list.Where(d => d <= cut).GroupBy(d => d.UtcDateTime.Date).Select(g => g.Max()));
    }

    /// <summary>The history with this run's points added (replacing any of the same as-of date).</summary>
    public static ImmutableArray<TrendPoint> Append(ImmutableArray<TrendPoint> history, DriftEvaluation evaluation, TraitTaxonomy? taxonomy = null) =>
        Merge(history, PointsOf(evaluation, taxonomy));
}
