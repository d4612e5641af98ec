namespace CrmPersonCentric.Application.Poison;

/// <summary>The poison replay's answer.</summary>
/// <param name="Replayed">Ids of the items put back into the inbox.</param>
/// <param name="Missing">Ids of items whose body was gone: removed, not replayed.</param>
public sealed record ReplayResult(IReadOnlyList<string> Replayed, IReadOnlyList<string> Missing);
