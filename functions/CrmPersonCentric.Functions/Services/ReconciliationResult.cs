namespace CrmPersonCentric.Functions.Services;

/// <summary>What reconciliation did.</summary>
/// <param name="Checked">Tagged contacts read from Dataverse.</param>
/// <param name="Repaired">Snapshots rewritten because they were missing or stale.</param>
/// <param name="ExpiredSignals">Signals deleted by retention.</param>
/// <param name="ErasedContacts">Contacts erased because Dataverse no longer has them (a lost delete).</param>
public sealed record ReconciliationResult(int Checked, int Repaired, int ExpiredSignals, int ErasedContacts);
