using System.Collections.Immutable;
using System.Globalization;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Import.Sample;

/// <summary>
/// Generates a deterministic sample organisation from persona blueprints: the same options always give the
/// same personas, contacts and signals. Names of people are never generated; ids are sequential.
/// </summary>
public static class SampleOrganisation
{
    private const int WindowDays = 90;

    private static readonly string[][] NoiseTraits =
    [
        ["Write a book", "Run a marathon", "Start my own company"],
        ["Fear of public speaking", "Losing a key customer", "Another reorg"],
        ["Former colleagues", "MBA classmates", "Neighbours in tech"],
        ["Toastmasters", "Alumni network", "Local chamber of commerce"],
    ];

    private static readonly string[] Desires =
    [
        "Be the parent who is home for dinner", "Prove the doubters wrong", "Build something that outlasts me",
        "Be respected by the people I respect", "Feel in control again", "Leave the team better than I found it",
    ];

    private static readonly string[] Stakes =
    [
        "Reputation with the board", "Keeping the team together", "Next promotion", "Personal credibility after a failed project",
    ];


    /// <summary>Generates the organisation.</summary>
    public static OrgData Generate(SampleOptions? options = null, ImmutableArray<PersonaBlueprint>? blueprints = null)
    {
        options ??= new SampleOptions();
        var plans = blueprints ?? SampleBlueprints.Create(options.NoDrift);
        var random = new Random(options.Seed);
        // Gaps and the long tail draw from their own stream, so the same seed gives the same people with or without them.
        var gaps = new Random(unchecked(options.Seed * 31) + 7);
        var tail = new LongTail(gaps);
        // Partial recording draws from its own stream too, and only when some traits go unrecorded.
        var recording = new Random(unchecked(options.Seed * 13) + 5);
        // Functions, themes and advocates draw from a third stream, so adding them left every other draw as it was.
        var extras = new Random(unchecked(options.Seed * 17) + 3);
        var totalContacts = plans.Sum(p => (int)Math.Round(p.People * options.Scale)) + (int)Math.Round(options.UntaggedPeople * options.Scale);
        var profiles = ImmutableArray.CreateBuilder<PersonProfile>();
        var signals = ImmutableArray.CreateBuilder<BehaviourSignal>();
        var contact = 0;
        foreach (var plan in plans)
        {
            var people = (int)Math.Round(plan.People * options.Scale);
            for (var i = 0; i < people; i++)
            {
                var id = Id("c", ++contact);
                profiles.Add(WithGaps(Person(id, plan, random, options.ExportedOn), options, gaps, tail, recording));
                if (options.IncludeSignals)
                {
                    var start = signals.Count;
                    AddSignals(id, plan, profiles[^1].HasDeepPersonalDesire, random, options.ExportedOn, signals);
                    AddPersonSignals(id, contact, totalContacts, plan, extras, options.ExportedOn, signals, start);
                    for (var s = start; s < signals.Count; s++)
                    {
                        signals[s] = signals[s] with { Source = SourceOf(signals[s].Type, plan, extras) };
                    }
                }
            }
        }

        var untagged = (int)Math.Round(options.UntaggedPeople * options.Scale);
        for (var i = 0; i < untagged; i++)
        {
            var id = Id("c", ++contact);
            profiles.Add(new PersonProfile(id, null, TraitSet.Empty, null, null, TrustModes.None,
                new AccountProfile(Pick(SampleBlueprints.Industries, random), random.Next(20, 20000), Pick(SampleBlueprints.Regions, random)),
                options.ExportedOn.AddDays(-random.Next(0, 365))));
        }

        var numbered = signals.Select((s, i) => s with { Id = Id("s", i + 1) }).ToImmutableArray();
        var personas = plans.Select(p => p.Declared).ToImmutableArray();
        return new OrgData(
            options.ExportedOn,
            "Northwind Analytics (sample)",
            [.. personas.Select(p => p.Owner).DistinctBy(o => o.Id)],
            personas,
            profiles.ToImmutable(),
            numbered,
            DefaultDriftRules.All,
            TraitTaxonomy.Default);
    }

    /// <summary>
    /// A deterministic way to spell a trait as a sales user might type it (label, synonym, odd case and spacing),
    /// so that the shipped CSV exercises normalisation.
    /// </summary>
    public static Func<TraitDimension, string, string> TypedSpelling(int seed)
    {
        var random = new Random(seed);
        return (dimension, key) =>
        {
            var entry = TraitTaxonomy.Default.FindByKey(dimension, key);
            if (entry is null)
            {
                return NoiseTraits[(int)dimension].FirstOrDefault(n => TraitText.ToKey(TraitText.StripDimensionLead(dimension, TraitText.Canonicalize(n))) == key) ?? key.Replace('-', ' ');
            }

            var roll = random.NextDouble();
            var text = roll switch
            {
                < 0.55 => entry.Label,
                < 0.8 when entry.Synonyms.Length > 0 => entry.Synonyms[random.Next(entry.Synonyms.Length)],
                < 0.9 => "  " + entry.Label.ToUpperInvariant() + " ",
                _ => entry.Label.ToLowerInvariant() + ".",
            };
            return dimension == TraitDimension.CoreFear && random.NextDouble() < 0.3 ? "Fear of " + text.Trim() : text;
        };
    }

    private static PersonProfile Person(string id, PersonaBlueprint plan, Random random, DateTimeOffset asOf)
    {
        var age = random.Next(0, 2 * WindowDays);
        var recent = age < WindowDays;
        var group = PickGroup(plan.Groups, random);
        var traits = new List<KeyValuePair<TraitDimension, IEnumerable<string>>>();
        foreach (var dimension in TraitDimensions.All)
        {
            var keys = group.Traits
                .Where(t => t.Dimension == dimension)
                .Where(t => random.NextDouble() < (recent ? t.RecentPrevalence ?? t.Prevalence : t.Prevalence))
                .Select(t => t.Key)
                .ToList();
            if (random.NextDouble() < 0.05)
            {
                var noise = NoiseTraits[(int)dimension][random.Next(NoiseTraits[(int)dimension].Length)];
                keys.Add(TraitText.ToKey(TraitText.StripDimensionLead(dimension, TraitText.Canonicalize(noise))));
            }

            traits.Add(new(dimension, keys));
        }

        var hasDesire = random.NextDouble() < plan.DeepDesireShare;
        var trust = TrustModes.None;
        var chances = plan.TrustProbabilities ?? SampleBlueprints.TrustProbabilitiesFor(plan.Declared);
        for (var k = 0; k < TrustExpectation.Channels.Count; k++)
        {
            if (random.NextDouble() < chances[k])
            {
                trust |= TrustExpectation.Channels[k];
            }
        }

        return new PersonProfile(
            id,
            plan.Declared.Id,
            TraitSet.Create(traits),
            hasDesire ? Desires[random.Next(Desires.Length)] : null,
            random.NextDouble() < 0.4 ? Stakes[random.Next(Stakes.Length)] : null,
            trust,
            Account(plan, random),
            asOf.AddDays(-age).AddHours(-random.Next(0, 24)));
    }

    /// <summary>What real CRM data looks like: some people never enriched, some dimensions left empty, a long tail of phrasings.</summary>
    private static PersonProfile WithGaps(PersonProfile person, SampleOptions options, Random gaps, LongTail tail, Random recording)
    {
        if (gaps.NextDouble() < options.UnenrichedShare)
        {
            return person with { Traits = TraitSet.Empty, DeepPersonalDesire = null, EmotionalStakes = null, Trust = TrustModes.None };
        }

        var traits = new List<KeyValuePair<TraitDimension, IEnumerable<string>>>();
        foreach (var dimension in TraitDimensions.All)
        {
            var keys = gaps.NextDouble() < options.EmptyDimensionShare ? [] : person.Traits[dimension].ToList();
            if (options.RecordingChance < 1)
            {
                keys.RemoveAll(_ => recording.NextDouble() >= options.RecordingChance);
            }

            if (keys.Count > 0 && gaps.NextDouble() < options.LongTailShare)
            {
                keys.Add(tail.Next(dimension));
            }

            traits.Add(new(dimension, keys));
        }

        return person with { Traits = TraitSet.Create(traits) };
    }

    private static AccountProfile Account(PersonaBlueprint plan, Random random)
    {
        var icp = plan.Declared.Icp;
        if (random.NextDouble() < plan.OutsideIcpShare)
        {
            var outsideIndustries = SampleBlueprints.Industries.Where(i => !icp.Industries.IsDefaultOrEmpty && !icp.Industries.Contains(i)).ToArray();
            var outsideRegions = SampleBlueprints.Regions.Where(r => !icp.Regions.IsDefaultOrEmpty && !icp.Regions.Contains(r)).ToArray();
            var roll = random.NextDouble();
            if (roll < 0.6 && outsideIndustries.Length > 0)
            {
                return new AccountProfile(Pick(outsideIndustries, random), Employees(icp, random), Pick(Inside(icp.Regions, SampleBlueprints.Regions), random));
            }

            if (roll < 0.8 && outsideRegions.Length > 0)
            {
                return new AccountProfile(Pick(Inside(icp.Industries, SampleBlueprints.Industries), random), Employees(icp, random), Pick(outsideRegions, random));
            }

            if (icp.MinEmployees is { } min && min > 10)
            {
                return new AccountProfile(Pick(Inside(icp.Industries, SampleBlueprints.Industries), random), random.Next(10, min), Pick(Inside(icp.Regions, SampleBlueprints.Regions), random));
            }
        }

        return new AccountProfile(
            Pick(Inside(icp.Industries, SampleBlueprints.Industries), random),
            Employees(icp, random),
            Pick(Inside(icp.Regions, SampleBlueprints.Regions), random));
    }

    private static void AddSignals(string contactId, PersonaBlueprint plan, bool hasDesire, Random random, DateTimeOffset asOf, ImmutableArray<BehaviourSignal>.Builder signals)
    {
        // Two windows of history: the current one is evaluated, the previous one gives trends their past.
        for (var window = 0; window < 2; window++)
        {
            foreach (var (slot, share) in plan.BehaviourShares.OrderBy(p => p.Key))
            {
                if (random.NextDouble() < share)
                {
                    var events = 1 + Poisson(SampleBlueprints.EventsPerActivePerson - 1, random);
                    for (var e = 0; e < events; e++)
                    {
                        var (type, layer) = BehaviourKeys.FromSlot(slot);
                        signals.Add(new BehaviourSignal(string.Empty, contactId, type, When(window, random, asOf), null, layer));
                    }
                }
            }

            var responses = hasDesire ? plan.DeepDesireLayerResponse : plan.LayerResponse;
            for (var layer = 1; layer <= 4; layer++)
            {
                if (random.NextDouble() < responses[layer - 1])
                {
                    signals.Add(new BehaviourSignal(string.Empty, contactId, BehaviourType.MessagingResponse, When(window, random, asOf), null, (MessagingLayer)layer));
                }
            }
        }
    }

    /// <summary>
    /// What the third stream adds to a person's signals: a theme on every messaging response (one of its layer's, as
    /// campaigns name them), the persona's landing theme, and for planted advocates a quarter of heavy contribution,
    /// advocacy and co-creation with referrals naming the people referred.
    /// </summary>
    private static void AddPersonSignals(string contactId, int contact, int totalContacts, PersonaBlueprint plan, Random extras, DateTimeOffset asOf, ImmutableArray<BehaviourSignal>.Builder signals, int start)
    {
        for (var s = start; s < signals.Count; s++)
        {
            if (signals[s] is { Type: BehaviourType.MessagingResponse, Layer: { } layer, Theme: null })
            {
                var themes = plan.ThemesByLayer[(int)layer - 1];
                signals[s] = signals[s] with { Theme = themes[extras.Next(themes.Length)] };
            }
        }

        if (plan.LandingTheme is var (theme, landingLayer, share))
        {
            for (var window = 0; window < 2; window++)
            {
                if (extras.NextDouble() < share)
                {
                    signals.Add(new BehaviourSignal(string.Empty, contactId, BehaviourType.MessagingResponse, When(window, extras, asOf), theme, landingLayer));
                }
            }
        }

        if (extras.NextDouble() < plan.AdvocateShare)
        {
            void Add(BehaviourType type, int count, bool names = false)
            {
                for (var i = 0; i < count; i++)
                {
                    var related = names ? Id("c", 1 + ((contact + 1 + extras.Next(totalContacts - 1)) % totalContacts)) : null;
                    signals.Add(new BehaviourSignal(string.Empty, contactId, type, When(0, extras, asOf), RelatedContactId: related == contactId ? null : related));
                }
            }

            Add(BehaviourType.CommunityContribution, extras.Next(10, 18));
            Add(BehaviourType.Advocacy, extras.Next(4, 8));
            Add(BehaviourType.ContentCoCreation, extras.Next(3, 6));
            if (extras.NextDouble() < 0.35)
            {
                Add(BehaviourType.Referral, extras.Next(3, 5), names: true);
            }
        }
    }

    /// <summary>The function that recorded a signal: by its type (events record attendance, community contributions...), or the persona's one function when its journey is siloed; 8 % say nothing.</summary>
    private static SignalSource? SourceOf(BehaviourType type, PersonaBlueprint plan, Random extras)
    {
        var roll = extras.NextDouble();
        if (roll < 0.08)
        {
            return null;
        }

        if (plan.SiloedSource is { } siloed && roll < 0.95)
        {
            return siloed;
        }

        var second = extras.NextDouble();
        return type switch
        {
            BehaviourType.CommunityContribution => second < 0.8 ? SignalSource.Community : SignalSource.Product,
            BehaviourType.Referral => second < 0.5 ? SignalSource.Sales : SignalSource.CustomerSuccess,
            BehaviourType.Advocacy => second < 0.5 ? SignalSource.CustomerSuccess : second < 0.8 ? SignalSource.Marketing : SignalSource.Community,
            BehaviourType.EventAttendance => second < 0.85 ? SignalSource.Events : SignalSource.Marketing,
            BehaviourType.ContentCoCreation => second < 0.6 ? SignalSource.Marketing : SignalSource.Product,
            _ => second < 0.8 ? SignalSource.Marketing : SignalSource.Sales,
        };
    }

    private static DateTimeOffset When(int window, Random random, DateTimeOffset asOf) =>
        asOf.AddDays(-((window * WindowDays) + random.Next(0, WindowDays))).AddMinutes(-random.Next(1, 24 * 60));

    private static int Poisson(double mean, Random random)
    {
        // Knuth's multiplication method: fine for the small means used here.
        var limit = Math.Exp(-mean);
        var k = 0;
        var product = random.NextDouble();
        while (product > limit)
        {
            k++;
            product *= random.NextDouble();
        }

        return k;
    }

    private static GroupSpec PickGroup(ImmutableArray<GroupSpec> groups, Random random)
    {
        var roll = random.NextDouble() * groups.Sum(g => g.Weight);
        foreach (var group in groups)
        {
            roll -= group.Weight;
            if (roll < 0)
            {
                return group;
            }
        }

        return groups[^1];
    }

    private static int? Employees(IcpFilter icp, Random random)
    {
        var min = icp.MinEmployees ?? 20;
        var max = icp.MaxEmployees ?? Math.Max(min * 10, 20000);
        return random.Next(min, max + 1);
    }

    private static ImmutableArray<string> Inside(ImmutableArray<string> accepted, ImmutableArray<string> all) =>
        accepted.IsDefaultOrEmpty ? all : accepted;

    private static string Pick(IReadOnlyList<string> values, Random random) => values[random.Next(values.Count)];

    private static string Id(string prefix, int number) => prefix + "-" + number.ToString("D6", CultureInfo.InvariantCulture);
}
