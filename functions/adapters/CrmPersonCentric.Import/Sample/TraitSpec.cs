using CrmPersonCentric.Model;

namespace CrmPersonCentric.Import.Sample;

/// <summary>How common a trait truly is in a generated group.</summary>
/// <param name="Dimension">The dimension.</param>
/// <param name="Key">The trait key.</param>
/// <param name="Prevalence">Probability a member has it (profiles older than the current window).</param>
/// <param name="RecentPrevalence">Probability for profiles updated in the current window, when it differs.</param>
public sealed record TraitSpec(TraitDimension Dimension, string Key, double Prevalence, double? RecentPrevalence = null);
