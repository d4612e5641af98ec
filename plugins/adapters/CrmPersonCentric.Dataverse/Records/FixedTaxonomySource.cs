using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Dataverse.Records;

/// <summary>A taxonomy that does not change (the shipped one, or a test's).</summary>
/// <param name="normalizer">The normaliser to hand out.</param>
public sealed class FixedTaxonomySource(TraitNormalizer normalizer) : ITraitTaxonomySource
{
    /// <summary>The shipped taxonomy.</summary>
    public static FixedTaxonomySource Default { get; } = new(TraitNormalizer.Default);

    /// <inheritdoc />
    public ValueTask<TraitNormalizer> NormalizerAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(normalizer);
}
