using CrmPersonCentric.Drift.Results;

namespace CrmPersonCentric.Application.Ports;

/// <summary>Where a run's findings and suggestions go.</summary>
public interface IDriftResultWriter
{
    /// <summary>
    /// Writes the evaluation keyed by stable ids (findings upserted open, findings no longer seen closed, suggestions
    /// created once and refreshed while proposed), so a run that died half-way can be run again without duplicates. Open
    /// findings are the drift and the data-quality ones. The enrichment worklists are written onto the contacts (rank,
    /// missing dimensions, why), and contacts no longer on a worklist are cleared.
    /// </summary>
    Task<DriftWriteResult> WriteAsync(DriftEvaluation evaluation, CancellationToken cancellationToken = default);
}
