using System.Collections.Immutable;

namespace CrmPersonCentric.Drift.Results;

/// <summary>The evidence stored with a suggestion: the findings behind it and, for a split, the groups.</summary>
/// <param name="Findings">Ids of the supporting findings.</param>
/// <param name="Groups">The groups of a split.</param>
public sealed record SuggestionEvidence(ImmutableArray<string> Findings, ImmutableArray<SplitGroup> Groups);
