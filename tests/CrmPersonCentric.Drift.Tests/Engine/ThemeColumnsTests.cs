using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Import.Sample;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Tests.Engine;

/// <summary>
/// The builder keeps theme responses, sends and referral links as packed numbers sorted once at Build. Checked against
/// the definition (per contact and theme the latest day; per contact the distinct people referred in the window) on
/// random signals with repeats, in four arrival orders (random; grouped by contact in the order added, and not ascending), with and without a
/// reservation part-way.
/// </summary>
public sealed class ThemeColumnsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ResponsesSendsAndReferrals_AnyOrderWithRepeats_AreTheLatestPerThemeAndTheDistinctPeople(int seed)
    {
        var data = SampleOrganisation.Generate(new SampleOptions { Scale = 0.1, IncludeSignals = false, Seed = seed });
        var asOf = data.ExportedOn!.Value;
        var random = new Random(seed);
        var tagged = data.Profiles.Where(p => p.PersonaId is not null).Select(p => p.ContactId).ToArray();
        var signals = new List<BehaviourSignal>();
        for (var i = 0; i < 20_000; i++)
        {
            // Few contacts and themes, so the same contact and theme come again often; some beyond every window, some ahead of the as-of date.
            var contact = tagged[random.Next(Math.Min(tagged.Length, 300))];
            var occurred = asOf.AddHours(-random.Next(-48, 24 * 800));
            var theme = "Theme " + random.Next(25);
            signals.Add((random.Next(3)) switch
            {
                0 => new BehaviourSignal($"r{i}", contact, BehaviourType.MessagingResponse, occurred, theme, (MessagingLayer)random.Next(1, 5)),
                1 => new BehaviourSignal($"s{i}", contact, BehaviourType.MessageSent, occurred, theme),
                _ => new BehaviourSignal($"f{i}", contact, BehaviourType.Referral, occurred) { RelatedContactId = "referred-" + random.Next(40) },
            });
        }

        var inOrder = PopulationBuilder.Build(data.Personas, data.Profiles, signals, asOf);
        var reserved = new PopulationBuilder(data.Personas, asOf);
        var profiles = data.Profiles.ToArray();
        foreach (var (profile, i) in profiles.Select((p, i) => (p, i)))
        {
            reserved.Add(profile);
            if (i == profiles.Length / 10)
            {
                reserved.EnsureCapacity(profiles.Length);
            }
        }

        var shuffled = signals.ToArray();
        random.Shuffle(shuffled);
        foreach (var (signal, i) in shuffled.Select((s, i) => (s, i)))
        {
            reserved.AddSignal(signal);
            if (i == shuffled.Length / 10)
            {
                reserved.EnsureCapacity(profiles.Length);
            }
        }

        var other = reserved.Build();

        // Grouped by contact in the order the contacts were added (as exports and summaries come), each contact's own
        // signals in random order; and the same with the first contact's signals last (grouped, but not ascending).
        var position = profiles.Select((p, i) => (p.ContactId, i)).ToDictionary(p => p.ContactId, p => p.i);
        var grouped = signals.OrderBy(s => position[s.ContactId]).ToList();
        bool First(BehaviourSignal s) => s.ContactId == grouped[0].ContactId;
        var firstLast = grouped.SkipWhile(First).Concat(grouped.TakeWhile(First)).ToList();
        Assert.Equal(signals.Count, firstLast.Count);
        var byContact = PopulationBuilder.Build(data.Personas, data.Profiles, grouped, asOf);
        var notAscending = PopulationBuilder.Build(data.Personas, data.Profiles, firstLast, asOf);
        foreach (var population in new[] { inOrder, other, byContact, notAscending })
        {
            Assert.Equal(Latest(population, signals, BehaviourType.MessagingResponse), Read(population, population.ThemeResponses));
            Assert.Equal(Latest(population, signals, BehaviourType.MessageSent), Read(population, population.ThemeExposures));
            Assert.Equal(Referred(population, signals), population.ReferredPeople);
        }

        Assert.Contains(inOrder.ReferredPeople, r => r > 1);
    }

    /// <summary>Per contact, "theme key:days" of each theme in key order, from the population's CSR columns.</summary>
    private static string[] Read(CompactPopulation population, ThemeResponses responses) =>
        [.. Enumerable.Range(0, population.Count).Select(c => string.Join(
            ",",
            Enumerable.Range(responses.Offsets[c], responses.Offsets[c + 1] - responses.Offsets[c])
                .Select(e => $"{population.Themes[responses.ThemeIds[e]]}:{responses.Days[e]}")
                .Order(StringComparer.Ordinal)))];

    /// <summary>The definition: per contact and theme, whole days since its latest signal of this type up to the as-of date.</summary>
    private static string[] Latest(CompactPopulation population, List<BehaviourSignal> signals, BehaviourType type)
    {
        var index = population.ContactIds.Select((id, c) => (id, c)).ToDictionary(p => p.id, p => p.c);
        var latest = signals
            .Where(s => s.Type == type && s.OccurredOn <= population.AsOf)
            .GroupBy(s => (Contact: index[s.ContactId], Key: Model.Taxonomy.ThemeTaxonomy.Default.KeyOf(s.Theme)!))
            .ToDictionary(g => g.Key, g => g.Min(s => (int)Math.Floor((population.AsOf - s.OccurredOn).TotalDays)));
        return [.. Enumerable.Range(0, population.Count).Select(c => string.Join(
            ",",
            latest.Where(p => p.Key.Contact == c).Select(p => $"{p.Key.Key}:{p.Value}").Order(StringComparer.Ordinal)))];
    }

    /// <summary>The definition: per contact, the distinct people it referred within the advocacy window.</summary>
    private static ushort[] Referred(CompactPopulation population, List<BehaviourSignal> signals)
    {
        var index = population.ContactIds.Select((id, c) => (id, c)).ToDictionary(p => p.id, p => p.c);
        var counts = new ushort[population.Count];
        foreach (var group in signals
            .Where(s => s.Type == BehaviourType.Referral && s.OccurredOn <= population.AsOf && (population.AsOf - s.OccurredOn).TotalDays < AdvocacyKinds.WindowDays)
            .GroupBy(s => index[s.ContactId]))
        {
            counts[group.Key] = (ushort)group.Select(s => s.RelatedContactId).Distinct().Count();
        }

        return counts;
    }
}
