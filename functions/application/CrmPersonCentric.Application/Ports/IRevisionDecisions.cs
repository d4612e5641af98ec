namespace CrmPersonCentric.Application.Ports;

/// <summary>The decisions marketing leads took on suggested revisions, for "what changed since the last run".</summary>
public interface IRevisionDecisions
{
    /// <summary>The revisions accepted, rejected or applied since a moment, oldest first.</summary>
    Task<IReadOnlyList<DecidedRevision>> DecidedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default);
}
