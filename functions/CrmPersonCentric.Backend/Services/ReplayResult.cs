namespace CrmPersonCentric.Backend.Services;

/// <summary>The poison replay's answer.</summary>
/// <param name="Replayed">Ids of the replayed items.</param>
public sealed record ReplayResult(IReadOnlyList<string> Replayed);
