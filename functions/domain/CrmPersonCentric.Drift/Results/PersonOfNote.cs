using System.Collections.Immutable;

namespace CrmPersonCentric.Drift.Results;

/// <summary>An advocate or connector: a contact id (never a name) and why.</summary>
/// <param name="ContactId">The contact.</param>
/// <param name="Kinds">What makes them stand out: advocate, referrer, bridge.</param>
/// <param name="Reason">The reason in words, as the panel badge shows it ("referred 4 people this quarter").</param>
/// <param name="Events">Their contribution, referral, advocacy and co-creation events in the window.</param>
public sealed record PersonOfNote(string ContactId, ImmutableArray<string> Kinds, string Reason, int Events);
