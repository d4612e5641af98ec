using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Results;

/// <summary>A candidate trait (a phrasing the taxonomy does not map) and how often the persona's people typed it.</summary>
/// <param name="Dimension">The dimension.</param>
/// <param name="Key">Its normalised key.</param>
/// <param name="Count">People who have it.</param>
/// <param name="NearKey">A taxonomy key it is probably a spelling of (typo, plural, word order), or null.</param>
/// <param name="NearLabel">That key's label.</param>
/// <param name="Distance">Normalised edit distance (0–1) to the near key's closest phrasing, when there is one.</param>
public sealed record CandidateTrait(TraitDimension Dimension, string Key, long Count, string? NearKey, string? NearLabel, double? Distance);
