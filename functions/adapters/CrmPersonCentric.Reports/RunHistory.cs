using System.Collections.Immutable;
using System.Text.Json;
using CrmPersonCentric.Drift.Results;

namespace CrmPersonCentric.Reports;

/// <summary>
/// The metric time series of earlier runs (history.json in the output directory). A run with the same as-of date
/// replaces the earlier point instead of adding one, so re-running an evaluation never duplicates history.
/// </summary>
public static class RunHistory
{
    /// <summary>File name of the history inside the output directory.</summary>
    public const string FileName = "history.json";

    /// <summary>Points for at most this many as-of dates are kept.</summary>
    public const int MaxRuns = 104;

    /// <summary>Reads the history; a missing file is an empty history, a corrupt one is an error naming the file.</summary>
    public static ImmutableArray<TrendPoint> Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, ReportsJsonContext.Default.ImmutableArrayTrendPoint);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not a valid run history ({ex.Message.Split(" Path:", 2)[0]}); move it away to start a new history.", ex);
        }
    }

    /// <summary>The history with this run's points added (replacing any of the same as-of date).</summary>
    public static ImmutableArray<TrendPoint> Append(ImmutableArray<TrendPoint> history, DriftEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var current = evaluation.Personas.Select(p => new TrendPoint(
            evaluation.AsOf,
            p.PersonaId,
            p.Version,
            p.TaggedPeople,
            p.MeanFit,
            p.PoorFitShare,
            p.OutsideIcpShare,
            evaluation.Drift.Count(f => f.PersonaId == p.PersonaId),
            p.Dimensions.IsEmpty ? 0 : p.Dimensions.Max(d => d.JensenShannonDistance)));
        var kept = (history.IsDefault ? [] : history).Where(h => h.AsOf != evaluation.AsOf);
        var all = kept.Concat(current).OrderBy(h => h.AsOf).ThenBy(h => h.PersonaId, StringComparer.Ordinal).ToList();
        var dates = all.Select(h => h.AsOf).Distinct().OrderDescending().Take(MaxRuns).ToHashSet();
        return [.. all.Where(h => dates.Contains(h.AsOf))];
    }
}
