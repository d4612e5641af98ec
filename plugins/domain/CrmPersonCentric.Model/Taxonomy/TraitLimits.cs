namespace CrmPersonCentric.Model.Taxonomy;

/// <summary>Limits on captured traits.</summary>
/// <param name="MaxLength">Longest accepted trait text, in characters after trimming.</param>
/// <param name="MaxPerDimension">Most traits a person may carry in one dimension.</param>
public sealed record TraitLimits(int MaxLength = 100, int MaxPerDimension = 20)
{
    /// <summary>The limits the product ships with (also enforced by the enrichment panel).</summary>
    public static TraitLimits Default { get; } = new();
}
