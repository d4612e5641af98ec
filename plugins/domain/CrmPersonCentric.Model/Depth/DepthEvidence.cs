namespace CrmPersonCentric.Model.Depth;

/// <summary>What an evaluation knows about a persona's people, for the evidence items of the depth check.</summary>
/// <param name="PeopleWithTraits">Tagged people with at least one trait recorded.</param>
/// <param name="OpenDrift">Drift findings open for the persona.</param>
/// <param name="AsOf">The evaluation's as-of date.</param>
public sealed record DepthEvidence(long PeopleWithTraits, int OpenDrift, DateTimeOffset AsOf);
