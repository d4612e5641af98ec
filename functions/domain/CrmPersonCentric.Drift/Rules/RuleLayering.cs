using System.Collections.Immutable;

namespace CrmPersonCentric.Drift.Rules;

/// <summary>What laying a rules file over the rules beneath it did (<see cref="DefaultDriftRules.Overlay"/>).</summary>
/// <param name="Rules">The rules in force.</param>
/// <param name="Replaced">Ids of rules beneath that the file replaced.</param>
/// <param name="Added">Ids of rules the file added.</param>
public sealed record RuleLayering(ImmutableArray<DriftRule> Rules, ImmutableArray<string> Replaced, ImmutableArray<string> Added);
