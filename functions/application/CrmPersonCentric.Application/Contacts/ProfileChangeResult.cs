namespace CrmPersonCentric.Application.Contacts;

/// <summary>The outcome of a profile change and what was stored.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Fit">The fit computed for the contact (null: unknown).</param>
/// <param name="SnapshotStored">True when the backend's snapshot was missing or older and is now this version.</param>
/// <param name="ColumnsWritten">How many computed columns were written back.</param>
public sealed record ProfileChangeResult(ProfileChangeOutcome Outcome, double? Fit, bool SnapshotStored, int ColumnsWritten);
