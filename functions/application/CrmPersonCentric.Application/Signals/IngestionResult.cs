namespace CrmPersonCentric.Application.Signals;

/// <summary>The signal ingestion's answer.</summary>
/// <param name="Accepted">Signals stored.</param>
/// <param name="Rejected">Records not stored, with the reason.</param>
public sealed record IngestionResult(int Accepted, IReadOnlyList<RejectedRecord> Rejected);
