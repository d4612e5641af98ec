using System.Collections.Immutable;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Population;

/// <summary>The behaviours that make an advocate: contribution, referral, advocacy and co-creation, and the windows they are counted in.</summary>
public static class AdvocacyKinds
{
    /// <summary>Days back an advocate's behaviour is counted ("this quarter").</summary>
    public const int WindowDays = 90;

    /// <summary>Days back a person's touchpoints count for the journey across functions.</summary>
    public const int JourneyWindowDays = 365;

    /// <summary>The behaviours, in a stable order.</summary>
    public static ImmutableArray<BehaviourType> All { get; } =
        [BehaviourType.CommunityContribution, BehaviourType.Referral, BehaviourType.Advocacy, BehaviourType.ContentCoCreation];

    /// <summary>Number of kinds.</summary>
    public const int Count = 4;

    /// <summary>The kind index of a behaviour slot, or -1 when the slot is not an advocacy behaviour.</summary>
    public static int Of(int slot) => slot switch
    {
        (int)BehaviourType.CommunityContribution => 0,
        (int)BehaviourType.Referral => 1,
        (int)BehaviourType.Advocacy => 2,
        (int)BehaviourType.ContentCoCreation => 3,
        _ => -1,
    };
}
