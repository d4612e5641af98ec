namespace CrmPersonCentric.Application.Ports;

/// <summary>What a run wrote to Dataverse.</summary>
/// <param name="FindingsOpen">Drift findings upserted as open.</param>
/// <param name="FindingsClosed">Earlier findings closed because they were not seen again.</param>
/// <param name="SuggestionsCreated">New suggestions.</param>
/// <param name="SuggestionsRefreshed">Proposed suggestions whose evidence was refreshed.</param>
/// <param name="WorklistContacts">Contacts marked as on their persona's enrichment worklist.</param>
/// <param name="WorklistCleared">Contacts taken off a worklist they are no longer on.</param>
/// <param name="WorklistGone">Worklist contacts Dataverse no longer has (deleted since the snapshot); skipped.</param>
public sealed record DriftWriteResult(int FindingsOpen, int FindingsClosed, int SuggestionsCreated, int SuggestionsRefreshed, int WorklistContacts = 0, int WorklistCleared = 0, int WorklistGone = 0)
{
    /// <summary>Contacts marked as advocates or connectors.</summary>
    public int Advocates { get; init; }

    /// <summary>Contacts whose advocate mark was cleared (they no longer stand out).</summary>
    public int AdvocatesCleared { get; init; }
}
