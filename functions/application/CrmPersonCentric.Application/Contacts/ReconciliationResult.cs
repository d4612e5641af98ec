namespace CrmPersonCentric.Application.Contacts;

/// <summary>What reconciliation did.</summary>
/// <param name="Outcome">completed, completed with failures, or skipped (another run holds the lease).</param>
/// <param name="Checked">Tagged contacts read from the system of record.</param>
/// <param name="Repaired">Snapshots rewritten because they were missing or stale.</param>
/// <param name="WrittenBack">Contacts whose computed columns (fit, insight summary) were wrong and were written back.</param>
/// <param name="ExpiredSignals">Signals deleted by retention.</param>
/// <param name="ErasedContacts">Contacts erased because the system of record no longer has them (a lost delete).</param>
/// <param name="Failed">Contacts that could not be repaired this time (the next run tries again), and whether paging stopped early.</param>
public sealed record ReconciliationResult(string Outcome, int Checked, int Repaired, int WrittenBack, int ExpiredSignals, int ErasedContacts, int Failed);
