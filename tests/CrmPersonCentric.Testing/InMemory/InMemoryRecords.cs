using System.Collections.Concurrent;
using CrmPersonCentric.Application.History;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Drift.Results;

namespace CrmPersonCentric.Testing.InMemory;

/// <summary>
/// The write-only ports of a run in memory, each keeping what it was given for a test to look at: the run log, the
/// trends, the suppressions, the report archive and mailer, the results written to the system of record and the
/// decisions taken on revisions.
/// </summary>
public sealed class InMemoryRecords(TimeProvider time) : IRunLog, ITrendStore, ISuggestionSuppressions, IReportArchive, IReportMailer, IDriftResultWriter, IRevisionDecisions
{
    private readonly ConcurrentQueue<RunRecord> _runs = new();
    private readonly ConcurrentQueue<ReportMail> _mails = new();
    private readonly ConcurrentQueue<DriftEvaluation> _written = new();
    private readonly ConcurrentQueue<DecidedRevision> _decisions = new();
    private readonly ConcurrentDictionary<string, string> _archive = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _suppressed = new(StringComparer.Ordinal);
    private readonly Lock _trendsLock = new();
    private System.Collections.Immutable.ImmutableArray<TrendPoint> _trends = [];

    /// <summary>The runs recorded.</summary>
    public IReadOnlyList<RunRecord> Runs => [.. _runs];

    /// <summary>The trend points kept.</summary>
    public IReadOnlyList<TrendPoint> Trends => _trends;

    /// <summary>The reports archived, by name.</summary>
    public IReadOnlyDictionary<string, string> Archive => _archive;

    /// <summary>The reports sent.</summary>
    public IReadOnlyList<ReportMail> Mails => [.. _mails];

    /// <summary>The evaluations written to the system of record.</summary>
    public IReadOnlyList<DriftEvaluation> Written => [.. _written];

    /// <summary>The suppressions, with their end.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Suppressed => _suppressed;

    /// <inheritdoc />
    public Task RecordRunAsync(RunRecord run, CancellationToken cancellationToken = default)
    {
        _runs.Enqueue(run);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RecordAsync(IEnumerable<TrendPoint> points, CancellationToken cancellationToken = default)
    {
        lock (_trendsLock)
        {
            _trends = RunHistory.Merge(_trends, points);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<TrendPoint>> TrendsAsync(IEnumerable<string> personaIds, CancellationToken cancellationToken = default)
    {
        var ids = personaIds.ToHashSet(StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyList<TrendPoint>>([.. _trends.Where(p => ids.Contains(p.PersonaId))]);
    }

    /// <inheritdoc />
    public Task SuppressAsync(string suggestionKey, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        _suppressed[suggestionKey] = until;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlySet<string>> SuppressedKeysAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlySet<string>>(_suppressed.Where(s => s.Value > time.GetUtcNow()).Select(s => s.Key).ToHashSet(StringComparer.Ordinal));

    /// <inheritdoc />
    public Task ArchiveAsync(string name, string html, CancellationToken cancellationToken = default)
    {
        _archive[name] = html;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SendAsync(ReportMail mail, CancellationToken cancellationToken = default)
    {
        _mails.Enqueue(mail);
        return Task.CompletedTask;
    }

    /// <summary>Records a decision a marketing lead took on a suggested revision.</summary>
    public void Decide(DecidedRevision decision) => _decisions.Enqueue(decision);

    /// <inheritdoc />
    public Task<IReadOnlyList<DecidedRevision>> DecidedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<DecidedRevision>>([.. _decisions.Where(d => d.DecidedOn >= since).OrderBy(d => d.DecidedOn)]);

    /// <summary>The Dataverse row ids of the revisions still proposed, by suggestion key (set by a test).</summary>
    public Dictionary<string, Guid> ProposedRows { get; } = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, Guid>> ProposedRowsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, Guid>>(ProposedRows.ToDictionary(StringComparer.Ordinal));

    /// <inheritdoc />
    public Task<DriftWriteResult> WriteAsync(DriftEvaluation evaluation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        _written.Enqueue(evaluation);
        return Task.FromResult(new DriftWriteResult(evaluation.Drift.Count(), 0, evaluation.Suggestions.Length, 0));
    }
}
