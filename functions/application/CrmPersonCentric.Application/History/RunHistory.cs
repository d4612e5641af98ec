using System.Collections.Immutable;
using CrmPersonCentric.Drift.Results;

namespace CrmPersonCentric.Application.History;

/// <summary>
/// The per-persona measures of each run, over time: what trends and "what changed" are drawn from. A run with the same
/// as-of date replaces the earlier points instead of adding some, so re-running an evaluation never duplicates history.
/// </summary>
public static class RunHistory
{
    /// <summary>Points for at most this many as-of dates are kept.</summary>
    public const int MaxRuns = 104;

    /// <summary>The points of one evaluation, one per persona.</summary>
    public static ImmutableArray<TrendPoint> PointsOf(DriftEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return [.. evaluation.Personas.Select(p => new TrendPoint(
            evaluation.AsOf,
            p.PersonaId,
            p.Version,
            p.TaggedPeople,
            p.MeanFit,
            p.PoorFitShare,
            p.OutsideIcpShare,
            evaluation.Drift.Count(f => f.PersonaId == p.PersonaId),
            p.Dimensions.IsEmpty ? 0 : p.Dimensions.Max(d => d.JensenShannonDistance)))];
    }

    /// <summary>The history with these points added, replacing every earlier point of the same as-of dates.</summary>
    public static ImmutableArray<TrendPoint> Merge(ImmutableArray<TrendPoint> history, IEnumerable<TrendPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var added = points.ToList();
        var replaced = added.Select(p => p.AsOf).ToHashSet();
        var kept = (history.IsDefault ? [] : history).Where(h => !replaced.Contains(h.AsOf));
        var all = kept.Concat(added).OrderBy(h => h.AsOf).ThenBy(h => h.PersonaId, StringComparer.Ordinal).ToList();
        var dates = all.Select(h => h.AsOf).Distinct().OrderDescending().Take(MaxRuns).ToHashSet();
        return [.. all.Where(h => dates.Contains(h.AsOf))];
    }

    /// <summary>The history with this run's points added (replacing any of the same as-of date).</summary>
    public static ImmutableArray<TrendPoint> Append(ImmutableArray<TrendPoint> history, DriftEvaluation evaluation) => Merge(history, PointsOf(evaluation));
}
