namespace CrmPersonCentric.Model;

/// <summary>The person-centric view of one contact.</summary>
/// <param name="ContactId">The contact's id.</param>
/// <param name="PersonaId">The persona the contact is tagged with, or null when untagged.</param>
/// <param name="Traits">Normalised traits per dimension.</param>
/// <param name="DeepPersonalDesire">The person's layer-4 desire, as captured; sensitive, never logged.</param>
/// <param name="EmotionalStakes">What is emotionally at stake for the person; sensitive, never logged.</param>
/// <param name="Trust">How the person extends trust.</param>
/// <param name="Account">The ICP attributes of the person's account.</param>
/// <param name="ProfileUpdatedOn">When the person-centric fields last changed (drives window comparisons).</param>
public sealed record PersonProfile(
    string ContactId,
    string? PersonaId,
    TraitSet Traits,
    string? DeepPersonalDesire,
    string? EmotionalStakes,
    TrustModes Trust,
    AccountProfile Account,
    DateTimeOffset ProfileUpdatedOn)
{
    /// <summary>True when a deep personal desire has been recorded.</summary>
    public bool HasDeepPersonalDesire => !string.IsNullOrWhiteSpace(DeepPersonalDesire);
}
