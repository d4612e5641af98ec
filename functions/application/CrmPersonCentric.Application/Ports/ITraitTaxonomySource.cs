using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Application.Ports;

/// <summary>
/// The taxonomy that turns typed traits into keys: the shipped one merged with the rows ops admins keep in Dataverse's
/// Trait taxonomy table, so a synonym added there maps in the backend as it does in the panel.
/// </summary>
public interface ITraitTaxonomySource
{
    /// <summary>A normaliser over the current taxonomy.</summary>
    ValueTask<TraitNormalizer> NormalizerAsync(CancellationToken cancellationToken = default);
}
