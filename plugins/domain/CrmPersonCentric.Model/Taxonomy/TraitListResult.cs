using System.Collections.Immutable;

namespace CrmPersonCentric.Model.Taxonomy;

/// <summary>The traits normalised from one column value, and the problems found.</summary>
/// <param name="Traits">Distinct normalised traits, in the order typed.</param>
/// <param name="Errors">Problems, each naming the item.</param>
public sealed record TraitListResult(ImmutableArray<NormalizedTrait> Traits, ImmutableArray<ValidationError> Errors)
{
    /// <summary>True when nothing was wrong.</summary>
    public bool IsValid => Errors.IsEmpty;

    /// <summary>The keys of the traits.</summary>
    public IEnumerable<string> Keys => Traits.Select(t => t.Key);
}
