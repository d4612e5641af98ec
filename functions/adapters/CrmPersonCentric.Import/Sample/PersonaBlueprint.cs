using System.Collections.Immutable;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Import.Sample;

/// <summary>A persona as declared, and the truth its generated people follow.</summary>
/// <param name="Declared">What marketing declares.</param>
/// <param name="People">How many tagged people to generate.</param>
/// <param name="Groups">The true groups (one for a coherent persona).</param>
/// <param name="OutsideIcpShare">Share of people generated from accounts outside the ICP filter.</param>
/// <param name="BehaviourShares">True share per behaviour slot of people active in a 90-day window.</param>
/// <param name="DeepDesireShare">Share with a recorded deep personal desire.</param>
/// <param name="DeepDesireLayerResponse">For people with a recorded desire, response share per layer 1–4 (index 0–3).</param>
/// <param name="LayerResponse">For the others, response share per layer 1–4.</param>
public sealed record PersonaBlueprint(
    Persona Declared,
    int People,
    ImmutableArray<GroupSpec> Groups,
    double OutsideIcpShare,
    ImmutableDictionary<int, double> BehaviourShares,
    double DeepDesireShare,
    ImmutableArray<double> DeepDesireLayerResponse,
    ImmutableArray<double> LayerResponse)
{
    /// <summary>Per trust channel (order of <see cref="TrustExpectation.Channels"/>), the chance an enriched person records it; null: what the declaration implies (0.35 each when it declares none).</summary>
    public ImmutableArray<double>? TrustProbabilities { get; init; }

    /// <summary>The campaign themes of each layer 1–4 (index 0–3), as campaigns name them; a response picks one of its layer's.</summary>
    public ImmutableArray<ImmutableArray<string>> ThemesByLayer { get; init; } = SampleBlueprints.DefaultThemes;

    /// <summary>A theme that lands: per window, this share of people respond to it on top of the layer's usual responses.</summary>
    public (string Theme, MessagingLayer Layer, double Share)? LandingTheme { get; init; }

    /// <summary>Share of people who are planted advocates (many contributions, advocacy and co-creation, referrals naming several people).</summary>
    public double AdvocateShare { get; init; }

    /// <summary>When set, nearly every signal of the persona's people comes from this one function (a siloed journey).</summary>
    public SignalSource? SiloedSource { get; init; }
}
