using System.Collections.Immutable;

namespace CrmPersonCentric.Model;

/// <summary>A buyer persona as marketing defines it.</summary>
/// <param name="Id">Stable id (Dataverse row id or export key).</param>
/// <param name="Name">Display name.</param>
/// <param name="Owner">The marketing lead who owns it.</param>
/// <param name="Version">Definition version, starting at 1; accepting a revision produces the next one.</param>
/// <param name="Icp">The ICP filter its people are expected to come from.</param>
/// <param name="Messaging">The four messaging layers and the layer reached.</param>
/// <param name="Traits">Declared traits with expected prevalence.</param>
/// <param name="Behaviours">Expected behaviour shares and rates.</param>
public sealed record Persona(
    string Id,
    string Name,
    PersonaOwner Owner,
    int Version,
    IcpFilter Icp,
    PersonaMessaging Messaging,
    ImmutableArray<DeclaredTrait> Traits,
    ImmutableArray<BehaviourExpectation> Behaviours)
{
    /// <summary>The trust channels the persona expects its people to use, with shares (empty: none declared, nothing tested).</summary>
    public ImmutableArray<TrustExpectation> TrustChannels { get; init; } = [];

    /// <summary>When the definition last changed (a revision applied or an edit), when known: the depth check flags a persona not revised for long while drift is open.</summary>
    public DateTimeOffset? RevisedOn { get; init; }

    /// <summary>The declared traits of one dimension.</summary>
    public IEnumerable<DeclaredTrait> TraitsIn(TraitDimension dimension) => Traits.Where(t => t.Dimension == dimension);

    /// <summary>The declared trait with this key in this dimension, or null.</summary>
    public DeclaredTrait? FindTrait(TraitDimension dimension, string key) =>
        Traits.FirstOrDefault(t => t.Dimension == dimension && string.Equals(t.Key, key, StringComparison.Ordinal));

    /// <summary>Checks the definition and returns every problem found (empty when valid).</summary>
    public ImmutableArray<ValidationError> Validate() => PersonaValidator.Validate(this);
}
