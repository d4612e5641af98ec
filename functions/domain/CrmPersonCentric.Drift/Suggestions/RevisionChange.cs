using System.Collections.Immutable;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Suggestions;

/// <summary>The change an accepted revision asks for.</summary>
/// <param name="Type">What to change.</param>
/// <param name="Dimension">The trait dimension, for trait changes.</param>
/// <param name="Subject">The trait key or behaviour key.</param>
/// <param name="ProposedValue">The new prevalence, share or layer.</param>
/// <param name="Details">Further values ("industry:retail", "region:apac", "employees:lower-minimum").</param>
public sealed record RevisionChange(SuggestionType Type, TraitDimension? Dimension, string? Subject, double? ProposedValue, ImmutableArray<string> Details);
