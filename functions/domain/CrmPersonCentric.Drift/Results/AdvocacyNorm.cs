namespace CrmPersonCentric.Drift.Results;

/// <summary>The persona's norm for one advocacy behaviour and the count above which a person is an advocate.</summary>
/// <param name="Behaviour">The behaviour key.</param>
/// <param name="People">People who showed it in the window.</param>
/// <param name="Median">Median count among them.</param>
/// <param name="Mad">Median absolute deviation among them.</param>
/// <param name="Threshold">The smallest count that makes an advocate (null when too few people showed it to set a norm).</param>
public sealed record AdvocacyNorm(string Behaviour, long People, double Median, double Mad, int? Threshold);
