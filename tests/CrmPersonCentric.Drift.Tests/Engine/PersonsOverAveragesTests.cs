using CrmPersonCentric.Drift.Analyzers;
using System.Collections.Immutable;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Drift.Results;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Import.Sample;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Tests.Engine;

/// <summary>
/// Persons over averages: each capability planted in the sample is found over many seeds, and personas without it stay
/// quiet (within a 5 % budget where a test under the false discovery rate can fire by chance).
/// </summary>
public sealed class PersonsOverAveragesTests
{
    private const int Seeds = 8;

    private static readonly DateTimeOffset AsOf = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static DriftEvaluation Evaluate(SampleOptions options)
    {
        var data = SampleOrganisation.Generate(options);
        return new DriftEngine().Evaluate(PopulationBuilder.Build(data.Personas, data.Profiles, data.Signals, data.ExportedOn!.Value), data.Rules);
    }

    private static readonly Lazy<ImmutableArray<DriftEvaluation>> Planted = new(() =>
        [.. Enumerable.Range(1, Seeds).Select(seed => Evaluate(new SampleOptions { Seed = 4100 + seed }))]);

    private static readonly Lazy<ImmutableArray<DriftEvaluation>> Quiet = new(() =>
        [.. Enumerable.Range(1, Seeds).Select(seed => Evaluate(new SampleOptions { Seed = 4200 + seed, NoDrift = true }))]);

    private static readonly string[] QuietInPlanted = ["ops-leader", "it-guardian", "finance-controller"];

    [Fact]
    public void PeerTrust_WhileThePersonaAssumesSalesLed_IsFoundInEverySeed_WithAGoToMarketSuggestion()
    {
        Assert.All(Planted.Value, evaluation =>
        {
            var trust = evaluation.Drift.Where(f => f.PersonaId == "sales-director" && f.Metric == DriftMetric.TrustChannel).ToList();
            Assert.Contains(trust, f => f.Subject == "peerReferral" && f.Evidence.Observed > f.Evidence.Expected);
            Assert.Contains(trust, f => f.Subject == "salesLed" && f.Evidence.Observed < f.Evidence.Expected);
            var motion = Assert.Single(evaluation.Suggestions, s => s.PersonaId == "sales-director" && s.Type == SuggestionType.ChangeGoToMarket);
            Assert.Contains("peers", motion.Rationale, StringComparison.Ordinal);
            Assert.Contains(motion.Details, d => d.StartsWith("peerReferral=", StringComparison.Ordinal));
            Assert.DoesNotContain(evaluation.Suggestions, s => s.PersonaId == "sales-director" && s.Type == SuggestionType.ReviseTrustChannel);
        });
    }

    [Fact]
    public void ATheme_ThatLands_IsFoundInEverySeed_AgainstTheOtherThemesOfItsLayer()
    {
        Assert.All(Planted.Value, evaluation =>
        {
            var landed = Assert.Single(evaluation.Opportunities, f => f.PersonaId == "sales-director" && f.Metric == DriftMetric.MessageTheme);
            Assert.Equal("theme:quota-confidence", landed.Subject);
            Assert.True(landed.Evidence.QValue < 0.05);
            Assert.InRange(landed.Evidence.Observed, 0.2, 0.45);
            var lead = Assert.Single(evaluation.Suggestions, s => s.PersonaId == "sales-director" && s.Type == SuggestionType.LeadWithTheme);
            Assert.Contains("Quota confidence", lead.Rationale, StringComparison.Ordinal);
            Assert.Contains("Hit the number", lead.Rationale, StringComparison.Ordinal); // the trait the theme addresses
            var row = evaluation.Personas.Single(p => p.PersonaId == "sales-director").Themes.Single(t => t.Key == "quota-confidence");
            Assert.Equal(3, row.Layer);
            Assert.True(row.Baseline < row.Share / 2);
        });
    }

    [Fact]
    public void AnAdvocateCluster_IsFoundInEverySeed_WithConcentrationAndAProgrammeSuggestion()
    {
        Assert.All(Planted.Value, evaluation =>
        {
            var dev = evaluation.Personas.Single(p => p.PersonaId == "dev-champion");
            Assert.InRange(dev.Advocates.Advocates, 20, 80);
            Assert.True(dev.Advocates.Referrers > 0);
            Assert.All(dev.Advocates.People, p => Assert.StartsWith("c-", p.ContactId, StringComparison.Ordinal));
            Assert.Contains(dev.Advocates.People, p => p.Reason.StartsWith("Referred ", StringComparison.Ordinal) && p.Kinds.Contains("referrer"));
            Assert.Single(evaluation.Opportunities, f => f.PersonaId == "dev-champion" && f.Metric == DriftMetric.AdvocacyConcentration);
            var programme = Assert.Single(evaluation.Suggestions, s => s.PersonaId == "dev-champion" && s.Type == SuggestionType.BuildAdvocateProgramme);
            Assert.NotEmpty(programme.Details);
            Assert.All(programme.Details, d => Assert.StartsWith("contact:c-", d, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void PersonasWithoutThem_StayQuiet_InThePlantedSample()
    {
        var opportunities = Planted.Value.SelectMany(e => e.Opportunities).Where(f => QuietInPlanted.Contains(f.PersonaId) && f.Metric != DriftMetric.SiloedJourney).ToList();
        var trust = Planted.Value.SelectMany(e => e.Drift).Where(f => f.Metric == DriftMetric.TrustChannel && f.PersonaId != "sales-director").ToList();
        Assert.Empty(trust);
        Assert.DoesNotContain(opportunities, f => f.Metric == DriftMetric.AdvocacyConcentration);
        Assert.True(opportunities.Count <= Budget, $"{opportunities.Count} chance themes over {Seeds * QuietInPlanted.Length} persona runs");
    }

    [Fact]
    public void NoDrift_GivesNoTrustDrift_NoConcentration_AndThemesOnlyWithinBudget()
    {
        var all = Quiet.Value.SelectMany(e => e.Findings).ToList();
        Assert.DoesNotContain(all, f => f.Metric == DriftMetric.TrustChannel && f.Status == FindingStatus.Drift);
        Assert.DoesNotContain(all, f => f.Metric == DriftMetric.AdvocacyConcentration && f.Status == FindingStatus.Opportunity);
        var themes = all.Count(f => f.Metric == DriftMetric.MessageTheme && f.Status == FindingStatus.Opportunity);
        Assert.True(themes <= Budget, $"{themes} chance themes over {Seeds * 6} persona runs");
        Assert.All(Quiet.Value, e => Assert.DoesNotContain(e.Suggestions, s => s.Type is SuggestionType.ChangeGoToMarket or SuggestionType.BuildAdvocateProgramme));
    }

    /// <summary>A false discovery now and then is what a 5 % false discovery rate allows: at most one per 20 persona runs.</summary>
    private static int Budget => (int)Math.Ceiling(Seeds * 6 * 0.05);

    [Fact]
    public void TheSterilePersona_IsFlagged_AndEveryItemSaysWhatToDo()
    {
        Assert.All(Planted.Value.Concat(Quiet.Value), evaluation =>
        {
            var sterile = evaluation.Personas.Single(p => p.PersonaId == "innovation-decision-maker");
            Assert.Equal(["no-core-fears", "shallow-messaging", "generic-traits", "no-evidence"], sterile.Depth.Select(d => d.Code));
            Assert.All(sterile.Depth, d => Assert.False(string.IsNullOrWhiteSpace(d.Action)));
            Assert.Contains("Innovation", sterile.Depth.Single(d => d.Code == "generic-traits").Message, StringComparison.Ordinal);
            Assert.Empty(evaluation.Personas.Single(p => p.PersonaId == "ops-leader").Depth);
            Assert.Empty(evaluation.Personas.Single(p => p.PersonaId == "dev-champion").Depth);
        });
        Assert.All(Planted.Value, e => Assert.Contains(e.Personas.Single(p => p.PersonaId == "sales-director").Depth, d => d.Code == "stale-while-drifting"));
    }

    [Fact]
    public void ASiloedJourney_IsAnOpportunity_CountingOnlyPeopleWithEnoughTouchpoints()
    {
        Assert.All(Planted.Value, evaluation =>
        {
            var siloed = Assert.Single(evaluation.Opportunities, f => f.Metric == DriftMetric.SiloedJourney);
            Assert.Equal("finance-controller", siloed.PersonaId);
            Assert.Equal("Marketing", siloed.SubjectLabel);
            Assert.Contains("one function only", siloed.Headline, StringComparison.Ordinal);
            Assert.Contains("3 or more touchpoints", siloed.Rationale, StringComparison.Ordinal);
            // The people judged are those with three touchpoints or more, fewer than all those touched.
            var journey = evaluation.Personas.Single(p => p.PersonaId == "finance-controller").Journey!;
            Assert.True(siloed.Evidence.N < journey.Touched, $"{siloed.Evidence.N} of {journey.Touched}");
        });
    }

    [Fact]
    public void TheJourney_ShowsEachPersonasFunctionMix_AndTheSiloedOne()
    {
        var evaluation = Planted.Value[0];
        var finance = evaluation.Personas.Single(p => p.PersonaId == "finance-controller").Journey!;
        var ops = evaluation.Personas.Single(p => p.PersonaId == "ops-leader").Journey!;
        Assert.True(finance.SingleFunctionShare > 0.8, finance.SingleFunctionShare.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(ops.SingleFunctionShare < 0.5);
        Assert.True(finance.Functions.Single(f => f.Source == "marketing").SignalShare > 0.9);
        Assert.Equal(6, ops.Functions.Length);
        Assert.InRange(ops.Functions.Sum(f => f.SignalShare), 0.999, 1.001);
        Assert.True(ops.SignalsWithoutSource > 0);
    }

    [Fact]
    public void Norm_IsTheMedianAndMadOfTheNonZeroCounts()
    {
        var histogram = new long[256];
        histogram[0] = 500;
        histogram[1] = 40;
        histogram[2] = 20;
        histogram[3] = 5;
        histogram[12] = 2;

        var norm = AdvocacyAnalyzer.NormOf(BehaviourType.CommunityContribution, histogram);

        Assert.Equal(67, norm.People);
        Assert.Equal(1, norm.Median);
        Assert.Equal(0, norm.Mad);
        Assert.Equal(5, norm.Threshold); // median + 3.5 × max(1.4826 × MAD, 1) = 4.5: five or more
        Assert.Null(AdvocacyAnalyzer.NormOf(BehaviourType.Advocacy, [0, 3, 2, .. new long[253]]).Threshold); // five people: no norm
    }

    [Fact]
    public void TopTenthShare_IsTheShareOfEventsOfTheMostActiveTenthOfEveryone()
    {
        var totals = new long[1021];
        totals[1] = 90;
        totals[10] = 10;

        // 400 tagged people, 100 with an event: the top tenth is 40 people, the ten with ten events and 30 with one.
        var (share, events, people, top) = AdvocacyAnalyzer.TopTenthShare(totals, 400);

        Assert.Equal(100, people);
        Assert.Equal(190, events);
        Assert.Equal(40, top);
        Assert.Equal(130.0 / 190, share!.Value, 6);
        Assert.Null(AdvocacyAnalyzer.TopTenthShare(new long[1021], 400).Share);
    }

    /// <summary>A persona of 1,000 whose people produce Poisson(base) events each, and a cluster producing the given share of all events.</summary>
    private static long[] Advocacy(int seed, double clusterShare, double eventsShare, double baseRate = 0.3, int tagged = 1000, double? dispersion = null)
    {
        var random = new Random(seed);
        var totals = new long[1021];
        var cluster = (int)(tagged * clusterShare);
        var baseEvents = new int[tagged - cluster];
        for (var i = 0; i < baseEvents.Length; i++)
        {
            // Bursty people: each with a rate of their own (gamma), so counts are negative binomial.
            var rate = dispersion is { } k ? MathNet.Numerics.Distributions.Gamma.Sample(random, k, k / baseRate) : baseRate;
            baseEvents[i] = rate <= 0 ? 0 : Math.Min(1020, (int)MathNet.Numerics.Distributions.Poisson.Sample(random, rate));
            totals[baseEvents[i]]++;
        }

        if (cluster > 0)
        {
            // The cluster's events make eventsShare of all: spread evenly over its people, give or take one.
            var clusterEvents = (int)Math.Round(baseEvents.Sum() * eventsShare / (1 - eventsShare));
            for (var i = 0; i < cluster; i++)
            {
                totals[Math.Min(1020, (clusterEvents / cluster) + (i < clusterEvents % cluster ? 1 : 0))]++;
            }
        }

        totals[0] = 0;
        return totals;
    }

    private static bool Concentrated(long[] totals, int tagged = 1000)
    {
        var (share, _, _, _) = AdvocacyAnalyzer.TopTenthShare(totals, tagged);
        return share >= 0.5 && AdvocacyAnalyzer.ConcentrationTest(totals, tagged, "p").PValue < 0.01;
    }

    [Fact]
    public void Concentration_IsFoundForAFivePercentClusterProducingHalf_AndGrowsWithTheCluster()
    {
        var found = Enumerable.Range(1, 40).Count(seed => Concentrated(Advocacy(seed, 0.05, 0.5)));
        var stronger = Enumerable.Range(1, 40).Count(seed => Concentrated(Advocacy(seed, 0.05, 0.66)));
        var alike = Enumerable.Range(1, 40).Count(seed => Concentrated(Advocacy(seed, 0, 0)));

        Assert.True(found >= 38, $"a 5% cluster producing half: found in {found} of 40");
        Assert.Equal(40, stronger);
        Assert.True(alike <= 2, $"everyone alike: flagged in {alike} of 40");

        // Over everyone the share rises with the cluster's part, never falls.
        var shares = new[] { 0.3, 0.5, 0.66, 0.8 }.Select(part => AdvocacyAnalyzer.TopTenthShare(Advocacy(1, 0.05, part), 1000).Share!.Value).ToArray();
        Assert.Equal(shares.Order(), shares);
    }

    [Fact]
    public void AdvocatesWhoseEventsSpreadOverSeveralKinds_AreListedOnTheirTotal_AndNoneInvented()
    {
        foreach (var seed in new[] { 31, 32, 33 })
        {
            var data = SampleOrganisation.Generate(new SampleOptions { Seed = seed });
            var asOf = data.ExportedOn!.Value;
            DriftEvaluation Run(IEnumerable<BehaviourSignal> signals) =>
                new DriftEngine().Evaluate(PopulationBuilder.Build(data.Personas, data.Profiles, [.. signals], asOf), data.Rules);

            var before = Run(data.Signals).Personas.Single(p => p.PersonaId == "ops-leader").Advocates;

            // Twenty quiet people of the persona, each with two events of every kind in the last weeks: eight together,
            // though no single kind reaches the per-kind norm (three or more at the least).
            var known = before.People.Select(p => p.ContactId).ToHashSet();
            var planted = data.Profiles.Where(p => p.PersonaId == "ops-leader" && !known.Contains(p.ContactId)).Take(20).Select(p => p.ContactId).ToList();
            var added = planted.SelectMany((id, i) => AdvocacyKinds.All.SelectMany(kind => Enumerable.Range(0, 2).Select(e =>
                new BehaviourSignal($"spread-{i}-{kind}-{e}", id, kind, asOf.AddDays(-3 - e - i % 20)))));
            var after = Run(data.Signals.Concat(added)).Personas.Single(p => p.PersonaId == "ops-leader").Advocates;

            var listed = after.People.Select(p => p.ContactId).ToHashSet();
            Assert.All(planted, id => Assert.Contains(id, listed));
            // Most stand out on the total alone (a few already had events of a kind and now pass its norm).
            Assert.True(after.People.Count(p => planted.Contains(p.ContactId) && p.Reason.Contains("together", StringComparison.Ordinal)) >= 15);
            // Nobody else joins: the ones listed are the ones before and the planted.
            Assert.Empty(listed.Except(known).Except(planted));
            Assert.Contains(after.Norms, n => n.Behaviour == AdvocacyAnalyzer.TotalNormKey && n.Threshold is not null);
        }
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void BurstyPeopleWithoutACluster_AreNotConcentration(double dispersion)
    {
        // The top tenth of a bursty persona holds well over half its events; its ordinary spread, not a few advocates.
        var flagged = Enumerable.Range(1, 40).Count(seed => Concentrated(Advocacy(seed, 0, 0, baseRate: 0.4, dispersion: dispersion)));
        var withCluster = Enumerable.Range(1, 40).Count(seed => Concentrated(Advocacy(seed, 0.05, 0.5, baseRate: 0.4, dispersion: dispersion)));

        Assert.True(flagged <= 2, $"flagged in {flagged} of 40");
        var detail = string.Join("; ", Enumerable.Range(1, 40).Select(seed => Advocacy(seed, 0.05, 0.5, baseRate: 0.4, dispersion: dispersion)).Select(t => $"{AdvocacyAnalyzer.TopTenthShare(t, 1000).Share:0.00} p={AdvocacyAnalyzer.ConcentrationTest(t, 1000, "p").PValue:0.0000}"));
        Assert.True(withCluster >= 38, $"a 5% cluster producing half among bursty people: found in {withCluster} of 40: {detail}");
    }

    [Fact]
    public void AtALowRate_EveryoneAlike_IsNotConcentration()
    {
        // One person in ten has an event: the top tenth holds nearly all of them, and the null knows it.
        var flagged = Enumerable.Range(1, 40).Count(seed => Concentrated(Advocacy(seed, 0, 0, baseRate: 0.1)));

        Assert.True(flagged <= 2, $"flagged in {flagged} of 40");
    }

    [Fact]
    public void Referrers_CountDistinctReferredPeople_NotReferrals()
    {
        var persona = Persona();
        var profiles = Enumerable.Range(0, 40).Select(i => Profile($"p{i}", TraitSet.Empty)).ToList();
        BehaviourSignal Referral(string id, string from, string? to) => new(id, from, BehaviourType.Referral, AsOf.AddDays(-5), RelatedContactId: to);
        BehaviourSignal[] signals =
        [
            Referral("a", "p0", "x1"), Referral("b", "p0", "x2"), Referral("c", "p0", "X1 "), Referral("d", "p0", "x3"),
            Referral("e", "p1", "y1"), Referral("f", "p1", "y1"), Referral("g", "p1", "y1"),
            Referral("h", "p2", null), Referral("i", "p2", null), Referral("j", "p2", null),
        ];

        var evaluation = new DriftEngine().Evaluate(PopulationBuilder.Build([persona], profiles, signals, AsOf), DefaultDriftRules.All);

        var people = evaluation.Personas[0].Advocates.People;
        var referrer = Assert.Single(people, p => p.Kinds.Contains("referrer"));
        Assert.Equal("p0", referrer.ContactId);
        Assert.StartsWith("Referred 3 people in the last 90 days", referrer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Bridges_AreThePeopleWhoseGroupsOtherwiseDoNotMeet()
    {
        var persona = Persona();
        var profiles = new List<PersonProfile>();
        for (var i = 0; i < 20; i++)
        {
            profiles.Add(Profile($"a{i}", Traits(["revops-collective", "linkedin-groups"], ["sales-directors"])));
            profiles.Add(Profile($"b{i}", Traits(["cloud-native-community", "local-meetups"], ["platform-engineers"])));
        }

        profiles.Add(Profile("bridge", Traits(["revops-collective", "cloud-native-community"], [])));

        var people = Evaluate(persona, profiles).Personas[0].Advocates.People;
        var bridge = Assert.Single(people);
        Assert.Equal("bridge", bridge.ContactId);
        Assert.Equal(["bridge"], bridge.Kinds);

        // A second person with the same pair: the two groups meet through them, and nobody bridges.
        profiles.Add(Profile("second", Traits(["revops-collective", "cloud-native-community"], [])));
        Assert.Empty(Evaluate(persona, profiles).Personas[0].Advocates.People);
    }

    [Fact]
    public void AThemeAloneInItsLayer_IsShownButNotTested()
    {
        var persona = Persona();
        var profiles = Enumerable.Range(0, 100).Select(i => Profile($"p{i}", TraitSet.Empty)).ToList();
        var signals = Enumerable.Range(0, 60).Select(i => new BehaviourSignal($"s{i}", $"p{i}", BehaviourType.MessagingResponse, AsOf.AddDays(-3), "Personal story", MessagingLayer.DeepPersonalDesire))
            .Concat(Enumerable.Range(0, 5).Select(i => new BehaviourSignal($"t{i}", $"p{i}", BehaviourType.MessagingResponse, AsOf.AddDays(-3), "Vision keynote", MessagingLayer.CorporateVision)))
            .ToList();

        var evaluation = new DriftEngine().Evaluate(PopulationBuilder.Build([persona], profiles, signals, AsOf), DefaultDriftRules.All);

        Assert.DoesNotContain(evaluation.Findings, f => f.Metric == DriftMetric.MessageTheme);
        var story = evaluation.Personas[0].Themes.Single(t => t.Key == "personal-story");
        Assert.Null(story.Baseline);
        Assert.Equal(0.6, story.Share);
    }

    private static DriftEvaluation Evaluate(Persona persona, IEnumerable<PersonProfile> profiles) =>
        new DriftEngine().Evaluate(PopulationBuilder.Build([persona], profiles, [], AsOf), DefaultDriftRules.All);

    private static TraitSet Traits(string[] communities, string[] peers) => TraitSet.Create(
    [
        new(TraitDimension.Community, communities),
        new(TraitDimension.PeerGroup, peers),
    ]);

    private static PersonProfile Profile(string id, TraitSet traits) =>
        new(id, "p", traits, null, null, TrustModes.None, new AccountProfile("software", 500, "emea"), AsOf.AddDays(-10));

    private static Persona Persona() => new(
        "p", "Persona", new PersonaOwner("o", "Owner", null), 1, new IcpFilter([], null, null, []),
        new PersonaMessaging("v", "m", "k", "d", MessagingLayer.JobRoleKra),
        [new DeclaredTrait(TraitDimension.Community, "revops-collective", 0.5), new DeclaredTrait(TraitDimension.CoreFear, "missing-quota", 0.5), new DeclaredTrait(TraitDimension.Aspiration, "hit-the-number", 0.5)],
        []);
}
