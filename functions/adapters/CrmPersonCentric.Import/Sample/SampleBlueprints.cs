using System.Collections.Immutable;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Import.Sample;

/// <summary>
/// The shipped sample organisation: two healthy personas, one with emerging and stale traits (and a
/// messaging-depth gap and a behaviour that stopped), one hiding two groups, one leaking outside its ICP.
/// </summary>
public static class SampleBlueprints
{
    /// <summary>Mean events of a person active in a behaviour within a 90-day window.</summary>
    public const double EventsPerActivePerson = 1.5;

    private static readonly PersonaOwner Maya = new("owner-maya", "Maya Chen", "maya.chen@northwind.example");
    private static readonly PersonaOwner Tom = new("owner-tom", "Tom Okafor", "tom.okafor@northwind.example");
    private static readonly PersonaOwner Priya = new("owner-priya", "Priya Raman", "priya.raman@northwind.example");

    /// <summary>The blueprints; with <paramref name="noDrift"/> every persona's people follow its declaration exactly.</summary>
    public static ImmutableArray<PersonaBlueprint> Create(bool noDrift = false)
    {
        var ops = OpsLeader();
        var sales = SalesDirector();
        var dev = DeveloperChampion();
        var it = ItGuardian();
        var finance = FinanceController();
        if (noDrift)
        {
            return [Healthy(ops, 800), Healthy(sales, 750), Healthy(dev, 700), Healthy(it, 650), Healthy(finance, 400), Healthy(SterileDecisionMaker(), 24)];
        }

        return
        [
            Healthy(ops, 800),
            Healthy(sales, 750) with
            {
                Groups = [new GroupSpec(1, [
                    T(TraitDimension.Aspiration, "hit-the-number", 0.8), T(TraitDimension.Aspiration, "get-promoted", 0.5),
                    T(TraitDimension.Aspiration, "predictable-forecast", 0.45), T(TraitDimension.Aspiration, "work-life-balance", 0.5),
                    T(TraitDimension.CoreFear, "missing-quota", 0.7), T(TraitDimension.CoreFear, "budget-cuts", 0.1),
                    T(TraitDimension.CoreFear, "pipeline-dry-up", 0.45), new(TraitDimension.CoreFear, "being-replaced-by-ai", 0.2, 0.6),
                    T(TraitDimension.PeerGroup, "sales-directors", 0.7), T(TraitDimension.PeerGroup, "chief-revenue-officers", 0.4),
                    T(TraitDimension.Community, "sales-leadership-network", 0.5), T(TraitDimension.Community, "linkedin-groups", 0.4),
                    T(TraitDimension.Community, "revops-collective", 0.3)])],
                BehaviourShares = Behaviours(sales).SetItem(BehaviourKeys.Slot(BehaviourType.Referral, null), 0.1),
                DeepDesireShare = 0.5,
                DeepDesireLayerResponse = [0.1, 0.15, 0.1, 0.45],
                TrustProbabilities = [0.6, 0.4, 0.3, 0.15],
                LandingTheme = ("Quota confidence", MessagingLayer.JobRoleKra, 0.3),
            },
            Healthy(dev, 700) with
            {
                Groups =
                [
                    new GroupSpec(0.55, [
                        T(TraitDimension.Aspiration, "become-a-recognised-expert", 0.85), T(TraitDimension.Aspiration, "grow-the-community", 0.8),
                        T(TraitDimension.CoreFear, "falling-behind-technically", 0.8), T(TraitDimension.CoreFear, "burnout", 0.75),
                        T(TraitDimension.PeerGroup, "open-source-maintainers", 0.85), T(TraitDimension.PeerGroup, "developer-advocates", 0.5),
                        T(TraitDimension.Community, "open-source-projects", 0.85), T(TraitDimension.Community, "local-meetups", 0.75),
                        T(TraitDimension.Community, "devrel-guild", 0.45)]),
                    new GroupSpec(0.45, [
                        T(TraitDimension.Aspiration, "ship-faster", 0.9), T(TraitDimension.Aspiration, "automate-the-boring-work", 0.85),
                        T(TraitDimension.CoreFear, "vendor-lock-in", 0.85), T(TraitDimension.CoreFear, "security-breach", 0.75),
                        T(TraitDimension.PeerGroup, "platform-engineers", 0.9),
                        T(TraitDimension.Community, "cloud-native-community", 0.9), T(TraitDimension.Community, "local-meetups", 0.15)]),
                ],
                AdvocateShare = 0.06,
            },
            Healthy(it, 650) with { OutsideIcpShare = 0.35 },
            Healthy(finance, 400) with { SiloedSource = SignalSource.Marketing },
            Healthy(SterileDecisionMaker(), 24),
        ];
    }

    /// <summary>The campaign themes of each layer, as campaigns name them (some are synonyms of one theme key).</summary>
    public static ImmutableArray<ImmutableArray<string>> DefaultThemes { get; } =
    [
        ["vision-keynote", "Company vision"],
        ["department-playbook", "Automation ROI"],
        ["role-scorecard", "KPI scorecard", "Fear of missing quota", "fear-of-missing-quota"],
        ["personal-story", "Peer proof"],
    ];

    /// <summary>Industries accounts are drawn from.</summary>
    public static ImmutableArray<string> Industries { get; } =
        ["manufacturing", "logistics", "retail", "software", "financial-services", "healthcare", "government", "energy"];

    /// <summary>Regions accounts are drawn from.</summary>
    public static ImmutableArray<string> Regions { get; } = ["emea", "north-america", "apac", "latam"];

    /// <summary>The blueprint of a persona whose people look exactly as declared.</summary>
    public static PersonaBlueprint Healthy(Persona declared, int people)
    {
        ArgumentNullException.ThrowIfNull(declared);
        var reached = (int)declared.Messaging.ReachedLayer;
        var reachedShare = declared.Behaviours.FirstOrDefault(b => b.Type == BehaviourType.MessagingResponse && (int?)b.Layer == reached)?.ExpectedShare ?? 0.3;
        ImmutableArray<double> layers = [.. Enumerable.Range(1, 4).Select(l => l == reached ? reachedShare : l < reached ? 0.15 : 0.06)];
        return new PersonaBlueprint(
            declared,
            people,
            [new GroupSpec(1, [.. declared.Traits.Select(t => T(t.Dimension, t.Key, t.ExpectedPrevalence))])],
            0.03,
            Behaviours(declared),
            0.3,
            layers,
            layers);
    }

    /// <summary>The expected rate per person-year that a 90-day share implies under the generator.</summary>
    public static double RateFor(double share) => Math.Round(share * EventsPerActivePerson * 365.25 / 90, 2);

    private static ImmutableDictionary<int, double> Behaviours(Persona declared) =>
        declared.Behaviours.Where(b => b.Type != BehaviourType.MessagingResponse)
            .ToImmutableDictionary(b => BehaviourKeys.Slot(b.Type, b.Layer), b => b.ExpectedShare);

    private static TraitSpec T(TraitDimension dimension, string key, double prevalence) => new(dimension, key, prevalence);

    private static DeclaredTrait D(TraitDimension dimension, string key, double prevalence) => new(dimension, key, prevalence);

    private static ImmutableArray<BehaviourExpectation> Expect(double community, double referral, double advocacy, double events, double cocreation, MessagingLayer reached, double response) =>
    [
        new(BehaviourType.CommunityContribution, null, community),
        new(BehaviourType.Referral, null, referral, RateFor(referral)),
        new(BehaviourType.Advocacy, null, advocacy),
        new(BehaviourType.EventAttendance, null, events, RateFor(events)),
        new(BehaviourType.ContentCoCreation, null, cocreation),
        new(BehaviourType.MessagingResponse, reached, response),
    ];

    /// <summary>The conditional share of people with trust recorded who use each channel when each is drawn independently with these chances.</summary>
    public static ImmutableArray<double> TrustSharesOf(IReadOnlyList<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        var any = 1 - probabilities.Aggregate(1.0, (none, p) => none * (1 - p));
        return [.. probabilities.Select(p => any == 0 ? 0 : Math.Round(p / any, 2))];
    }

    /// <summary>The chances per channel that make the conditional shares come out as declared (fixed point of p = s · P(any)).</summary>
    public static ImmutableArray<double> TrustProbabilitiesFor(Persona declared)
    {
        ArgumentNullException.ThrowIfNull(declared);
        if (declared.TrustChannels.IsDefaultOrEmpty)
        {
            return [0.35, 0.35, 0.35, 0.35];
        }

        var shares = TrustExpectation.Channels.Select(c => declared.TrustChannels.FirstOrDefault(t => t.Channel == c)?.ExpectedShare ?? 0.1).ToArray();
        var p = shares.ToArray();
        for (var i = 0; i < 200; i++)
        {
            var any = 1 - p.Aggregate(1.0, (none, x) => none * (1 - x));
            p = [.. shares.Select(s => Math.Min(0.99, s * any))];
        }

        return [.. p];
    }

    private static Persona SterileDecisionMaker() => new Persona(
        "innovation-decision-maker", "Innovation-Loving Decision Maker", Priya, 1,
        new IcpFilter([], null, null, []),
        new PersonaMessaging("Innovation that drives efficiency", null, null, null, MessagingLayer.CorporateVision),
        [
            D(TraitDimension.Aspiration, "innovation", 0.8), D(TraitDimension.Aspiration, "efficiency", 0.7),
            D(TraitDimension.PeerGroup, "business-leaders", 0.6), D(TraitDimension.Community, "linkedin-groups", 0.5),
        ],
        Expect(0.1, 0.1, 0.05, 0.2, 0.02, MessagingLayer.CorporateVision, 0.3))
    {
        RevisedOn = new DateTimeOffset(2024, 5, 2, 0, 0, 0, TimeSpan.Zero),
    };

    private static Persona OpsLeader() => new(
        "ops-leader", "Pragmatic Operations Leader", Maya, 3,
        new IcpFilter(["manufacturing", "logistics", "retail"], 200, 5000, ["emea", "north-america"]),
        new PersonaMessaging("Run the most reliable supply chain in the industry", "Operations delivers on every promise sales makes",
            "On-time delivery above 98% at flat cost", null, MessagingLayer.JobRoleKra),
        [
            D(TraitDimension.Aspiration, "automate-the-boring-work", 0.6), D(TraitDimension.Aspiration, "be-seen-as-strategic", 0.5),
            D(TraitDimension.Aspiration, "build-a-high-performing-team", 0.4),
            D(TraitDimension.CoreFear, "losing-credibility", 0.5), D(TraitDimension.CoreFear, "budget-cuts", 0.45),
            D(TraitDimension.CoreFear, "team-attrition", 0.35), D(TraitDimension.CoreFear, "burnout", 0.3),
            D(TraitDimension.PeerGroup, "operations-leaders", 0.7), D(TraitDimension.PeerGroup, "cfos", 0.25),
            D(TraitDimension.Community, "operations-leaders-forum", 0.45), D(TraitDimension.Community, "linkedin-groups", 0.5),
        ],
        Expect(0.15, 0.12, 0.08, 0.3, 0.05, MessagingLayer.JobRoleKra, 0.3))
    {
        TrustChannels = [.. TrustExpectation.Channels.Zip(TrustSharesOf([0.35, 0.35, 0.35, 0.35]), (c, s) => new TrustExpectation(c, s))],
        RevisedOn = new DateTimeOffset(2026, 9, 15, 0, 0, 0, TimeSpan.Zero),
    };

    private static Persona SalesDirector() => new(
        "sales-director", "Growth-Minded Sales Director", Maya, 2,
        new IcpFilter(["software", "financial-services"], 50, 2000, []),
        new PersonaMessaging("Every customer grows with us", "Sales builds predictable revenue",
            "Quota attainment and forecast accuracy", null, MessagingLayer.DepartmentMission),
        [
            D(TraitDimension.Aspiration, "hit-the-number", 0.8), D(TraitDimension.Aspiration, "get-promoted", 0.5),
            D(TraitDimension.Aspiration, "predictable-forecast", 0.45), D(TraitDimension.Aspiration, "work-life-balance", 0.2),
            D(TraitDimension.CoreFear, "missing-quota", 0.7), D(TraitDimension.CoreFear, "budget-cuts", 0.5),
            D(TraitDimension.CoreFear, "pipeline-dry-up", 0.45),
            D(TraitDimension.PeerGroup, "sales-directors", 0.7), D(TraitDimension.PeerGroup, "chief-revenue-officers", 0.4),
            D(TraitDimension.Community, "sales-leadership-network", 0.5), D(TraitDimension.Community, "linkedin-groups", 0.4),
        ],
        Expect(0.1, 0.3, 0.1, 0.25, 0.05, MessagingLayer.DepartmentMission, 0.3))
    {
        TrustChannels =
        [
            new(TrustModes.SalesLed, 0.7), new(TrustModes.PeerReferral, 0.2), new(TrustModes.Content, 0.4), new(TrustModes.Community, 0.25),
        ],
        RevisedOn = new DateTimeOffset(2025, 10, 1, 0, 0, 0, TimeSpan.Zero),
    };

    private static Persona DeveloperChampion() => new(
        "dev-champion", "Developer Community Champion", Tom, 1,
        new IcpFilter(["software"], null, null, []),
        new PersonaMessaging("Developers build the future on our platform", "Engineering ships faster with less toil",
            "Cycle time and developer satisfaction", null, MessagingLayer.JobRoleKra),
        [
            D(TraitDimension.Aspiration, "become-a-recognised-expert", 0.5), D(TraitDimension.Aspiration, "grow-the-community", 0.45),
            D(TraitDimension.Aspiration, "ship-faster", 0.45), D(TraitDimension.Aspiration, "automate-the-boring-work", 0.4),
            D(TraitDimension.CoreFear, "falling-behind-technically", 0.5), D(TraitDimension.CoreFear, "burnout", 0.45),
            D(TraitDimension.CoreFear, "vendor-lock-in", 0.4), D(TraitDimension.CoreFear, "security-breach", 0.35),
            D(TraitDimension.PeerGroup, "open-source-maintainers", 0.5), D(TraitDimension.PeerGroup, "platform-engineers", 0.45),
            D(TraitDimension.PeerGroup, "developer-advocates", 0.3),
            D(TraitDimension.Community, "open-source-projects", 0.5), D(TraitDimension.Community, "local-meetups", 0.45),
            D(TraitDimension.Community, "cloud-native-community", 0.45), D(TraitDimension.Community, "devrel-guild", 0.25),
        ],
        Expect(0.35, 0.15, 0.15, 0.3, 0.12, MessagingLayer.JobRoleKra, 0.3))
    {
        RevisedOn = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero),
    };

    private static Persona ItGuardian() => new(
        "it-guardian", "Enterprise IT Guardian", Tom, 4,
        new IcpFilter(["financial-services", "healthcare", "government"], 1000, null, ["emea", "north-america"]),
        new PersonaMessaging("Trusted technology for critical services", "IT keeps the business running and safe",
            "Zero critical incidents, audits passed first time", "Sleep through the night without the pager going off", MessagingLayer.DepartmentMission),
        [
            D(TraitDimension.Aspiration, "keep-the-business-safe", 0.7), D(TraitDimension.Aspiration, "modernise-the-stack", 0.5),
            D(TraitDimension.Aspiration, "be-seen-as-strategic", 0.35),
            D(TraitDimension.CoreFear, "security-breach", 0.75), D(TraitDimension.CoreFear, "audit-failure", 0.55),
            D(TraitDimension.CoreFear, "vendor-lock-in", 0.4),
            D(TraitDimension.PeerGroup, "cisos", 0.6), D(TraitDimension.PeerGroup, "it-directors", 0.6),
            D(TraitDimension.Community, "security-practitioners-forum", 0.5), D(TraitDimension.Community, "linkedin-groups", 0.35),
        ],
        Expect(0.08, 0.1, 0.06, 0.2, 0.03, MessagingLayer.DepartmentMission, 0.3))
    {
        RevisedOn = new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero),
    };

    private static Persona FinanceController() => new(
        "finance-controller", "Cautious Finance Controller", Priya, 1,
        new IcpFilter([], 100, 10000, []),
        new PersonaMessaging("Numbers everyone trusts", "Finance closes the books faster with fewer errors",
            "Days to close and audit findings", "Be the one the CFO trusts, and home on time at month end", MessagingLayer.DepartmentMission),
        [
            D(TraitDimension.Aspiration, "predictable-forecast", 0.6), D(TraitDimension.Aspiration, "automate-the-boring-work", 0.5),
            D(TraitDimension.Aspiration, "work-life-balance", 0.35),
            D(TraitDimension.CoreFear, "audit-failure", 0.6), D(TraitDimension.CoreFear, "budget-cuts", 0.4),
            D(TraitDimension.CoreFear, "losing-credibility", 0.4),
            D(TraitDimension.PeerGroup, "cfos", 0.7), D(TraitDimension.PeerGroup, "operations-leaders", 0.25),
            D(TraitDimension.Community, "finance-roundtable", 0.5), D(TraitDimension.Community, "linkedin-groups", 0.45),
        ],
        Expect(0.06, 0.1, 0.05, 0.2, 0.02, MessagingLayer.DepartmentMission, 0.3))
    {
        RevisedOn = new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero),
    };
}
