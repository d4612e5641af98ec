using System.Collections.Immutable;

namespace CrmPersonCentric.Drift.Results;

/// <summary>Everything the report shows about one persona.</summary>
/// <param name="PersonaId">The persona's id.</param>
/// <param name="Name">Its name.</param>
/// <param name="OwnerId">Its marketing lead's id.</param>
/// <param name="Version">Its version.</param>
/// <param name="TaggedPeople">People tagged with it.</param>
/// <param name="PeopleWithFit">People whose fit could be computed (they have traits).</param>
/// <param name="MeanFit">Mean fit of those people.</param>
/// <param name="FitHistogram">Ten bins of fit: [0, 0.1), [0.1, 0.2) ... [0.9, 1].</param>
/// <param name="PoorFitShare">Share of people with a fit below the poor-fit cut-off.</param>
/// <param name="OutsideIcpShare">Share of tagged people outside the ICP filter.</param>
/// <param name="DeepDesireShare">Share with a recorded deep personal desire.</param>
/// <param name="ReachedLayer">The layer the persona's messaging reaches.</param>
/// <param name="Traits">Trait observations, declared ones first.</param>
/// <param name="Dimensions">Dimension-level figures.</param>
/// <param name="Behaviours">Behaviour observations.</param>
/// <param name="Groups">Groups found by split detection (empty when none stood out).</param>
/// <param name="Silhouette">The best silhouette found by split detection, when it ran.</param>
public sealed record PersonaSummary(
    string PersonaId,
    string Name,
    string OwnerId,
    int Version,
    long TaggedPeople,
    long PeopleWithFit,
    double MeanFit,
    ImmutableArray<long> FitHistogram,
    double PoorFitShare,
    double OutsideIcpShare,
    double DeepDesireShare,
    int ReachedLayer,
    ImmutableArray<TraitObservation> Traits,
    ImmutableArray<DimensionObservation> Dimensions,
    ImmutableArray<BehaviourObservation> Behaviours,
    ImmutableArray<SplitGroup> Groups,
    double? Silhouette)
{
    /// <summary>People with at least one trust channel recorded.</summary>
    public long TrustRecorded { get; init; }

    /// <summary>How its people extend trust, per channel.</summary>
    public ImmutableArray<TrustObservation> Trust { get; init; } = [];

    /// <summary>Its journey across functions.</summary>
    public JourneySummary? Journey { get; init; }

    /// <summary>How its messaging themes land (90-day window), best first.</summary>
    public ImmutableArray<ThemeObservation> Themes { get; init; } = [];

    /// <summary>Its advocates and connectors.</summary>
    public AdvocateSummary Advocates { get; init; } = AdvocateSummary.Empty;

    /// <summary>The persona depth check: what makes the definition too thin to act on, and what to do.</summary>
    public ImmutableArray<Model.Depth.DepthIssue> Depth { get; init; } = [];
}
