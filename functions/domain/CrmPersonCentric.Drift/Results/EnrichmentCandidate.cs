using System.Collections.Immutable;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Results;

/// <summary>One contact on a worklist.</summary>
/// <param name="ContactId">The contact's id (never a name).</param>
/// <param name="Rank">1 for the most useful.</param>
/// <param name="Missing">The declared dimensions the contact has nothing recorded in, least covered first.</param>
/// <param name="RecentlyActive">True when the contact had a behaviour signal in the last 90 days (easier to ask, and their data counts).</param>
/// <param name="Reason">Why capturing them matters, in one sentence (no personal data).</param>
public sealed record EnrichmentCandidate(string ContactId, int Rank, ImmutableArray<TraitDimension> Missing, bool RecentlyActive, string Reason);
