namespace CrmPersonCentric.Application.Ports;

/// <summary>The decisions marketing leads took on suggested revisions, for "what changed since the last run", and the rows still to decide, for links to them.</summary>
public interface IRevisionDecisions
{
    /// <summary>The revisions accepted, rejected or applied since a moment, oldest first.</summary>
    Task<IReadOnlyList<DecidedRevision>> DecidedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>The row id of every revision still proposed, by its suggestion key.</summary>
    Task<IReadOnlyDictionary<string, Guid>> ProposedRowsAsync(CancellationToken cancellationToken = default);
}
