namespace CrmPersonCentric.Dataverse.Ports;

/// <summary>What a run wrote to Dataverse.</summary>
/// <param name="FindingsOpen">Drift findings upserted as open.</param>
/// <param name="FindingsClosed">Earlier findings closed because they were not seen again.</param>
/// <param name="SuggestionsCreated">New suggestions.</param>
/// <param name="SuggestionsRefreshed">Proposed suggestions whose evidence was refreshed.</param>
public sealed record DriftWriteResult(int FindingsOpen, int FindingsClosed, int SuggestionsCreated, int SuggestionsRefreshed);
