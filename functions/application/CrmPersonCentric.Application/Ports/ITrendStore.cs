using CrmPersonCentric.Application.History;

namespace CrmPersonCentric.Application.Ports;

/// <summary>The per-persona measures of earlier runs, for trends and "what changed".</summary>
public interface ITrendStore
{
    /// <summary>Stores points (a point of the same persona and as-of date replaces the earlier one).</summary>
    Task RecordAsync(IEnumerable<TrendPoint> points, CancellationToken cancellationToken = default);

    /// <summary>The points of these personas, oldest first.</summary>
    Task<IReadOnlyList<TrendPoint>> TrendsAsync(IEnumerable<string> personaIds, CancellationToken cancellationToken = default);
}
