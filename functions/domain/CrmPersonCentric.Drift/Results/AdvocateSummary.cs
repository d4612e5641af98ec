using System.Collections.Immutable;

namespace CrmPersonCentric.Drift.Results;

/// <summary>The persona's advocates and connectors: the persons behind its growth levers.</summary>
/// <param name="WindowDays">Days back behaviour is counted.</param>
/// <param name="Advocates">People far above the persona's norm in contribution, referral, advocacy or co-creation.</param>
/// <param name="Referrers">People who referred <see cref="Analyzers.AdvocacyAnalyzer.ConnectorReferrals"/> or more distinct people.</param>
/// <param name="Bridges">People whose communities and peer groups bridge groups of the persona that otherwise do not meet.</param>
/// <param name="Norms">Per behaviour, and for the four together (key <see cref="Analyzers.AdvocacyAnalyzer.TotalNormKey"/>), the norm and the outlier threshold used.</param>
/// <param name="AdvocacyEvents">The persona's contribution, referral, advocacy and co-creation events in the window.</param>
/// <param name="TopDecileShare">Share of those events from the most active tenth of its tagged people (null without events).</param>
/// <param name="People">The people of note, most active first (at most <see cref="Analyzers.AdvocacyAnalyzer.MaxPeopleOfNote"/>).</param>
/// <param name="TotalPeople">How many people of note there are in all.</param>
public sealed record AdvocateSummary(
    int WindowDays,
    long Advocates,
    long Referrers,
    long Bridges,
    ImmutableArray<AdvocacyNorm> Norms,
    long AdvocacyEvents,
    double? TopDecileShare,
    ImmutableArray<PersonOfNote> People,
    long TotalPeople)
{
    /// <summary>Nothing to report.</summary>
    public static AdvocateSummary Empty { get; } = new(Population.AdvocacyKinds.WindowDays, 0, 0, 0, [], 0, null, [], 0);
}
