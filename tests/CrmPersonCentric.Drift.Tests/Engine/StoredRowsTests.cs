using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Import.Sample;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Tests.Engine;

/// <summary>The population read from stored rows and behaviour summaries is the population built from objects.</summary>
public sealed class StoredRowsTests
{
    [Fact]
    public void Summary_RoundTripsSlotsAndWholeSeconds_NewestKept()
    {
        var at = new DateTimeOffset(2026, 10, 2, 8, 30, 15, TimeSpan.Zero);
        BehaviourSignal[] signals =
        [
            new("a", "c", BehaviourType.Referral, at, null, null),
            new("b", "c", BehaviourType.MessagingResponse, at.AddDays(-3), "story", MessagingLayer.DeepPersonalDesire),
            new("c", "c", BehaviourType.MessagingResponse, at, null, null), // no layer: no slot
        ];

        var summary = BehaviourSummary.Encode(signals);

        Assert.Equal(2, BehaviourSummary.Count(summary));
        // Version, one theme ("story": length byte + 5), entry count, two entries of 7 bytes, link count.
        Assert.Equal(1 + 1 + 6 + 2 + (2 * 7) + 2, summary.Length);
        Assert.Equal((BehaviourKeys.Slot(BehaviourType.MessagingResponse, MessagingLayer.DeepPersonalDesire), at.AddDays(-3)), BehaviourSummary.Entry(summary, 0));
        Assert.Equal((BehaviourKeys.Slot(BehaviourType.Referral, null), at), BehaviourSummary.Entry(summary, 1));

        var many = Enumerable.Range(0, BehaviourSummary.MaxEvents + 10).Select(i => new BehaviourSignal($"s{i}", "c", BehaviourType.Advocacy, at.AddMinutes(-i), null, null));
        var capped = BehaviourSummary.Encode(many);
        Assert.Equal(BehaviourSummary.MaxEvents, BehaviourSummary.Count(capped));
        Assert.Equal(at, BehaviourSummary.Entry(capped, BehaviourSummary.MaxEvents - 1).OccurredOn);
    }

    [Fact]
    public void UnreadableSummaries_AddNothing()
    {
        var builder = new PopulationBuilder([], DateTimeOffset.UnixEpoch);

        Assert.False(BehaviourSummary.IsReadable([]));
        Assert.False(BehaviourSummary.IsReadable([3, 0, 0, 0, 0, 0]));
        Assert.False(BehaviourSummary.IsReadable([1, 0, 0]));
        Assert.False(BehaviourSummary.IsReadable([2, 0, 1, 0, 0, 0])); // one entry announced, none there
        Assert.False(BehaviourSummary.IsReadable([2, 1, 9, 65])); // a theme cut short
        Assert.True(BehaviourSummary.IsReadable([2, 0, 0, 0, 0, 0])); // empty
        Assert.Equal(0, BehaviourSummary.Count([9]));
        Assert.Equal(0, builder.Count);
    }

    [Fact]
    public void SignalObjects_AfterRowsWithARepeatedId_GoToTheIdsFirstContact()
    {
        // Rows are not checked for repeated ids; a signal object then goes where the id index says (the first contact of
        // the id), never to the contact that follows the last one found just because its id matches.
        var data = SampleOrganisation.Generate(new SampleOptions { Scale = 0.01, IncludeSignals = false });
        var persona = data.Personas[0];
        var asOf = data.ExportedOn!.Value;
        var builder = new PopulationBuilder(data.Personas, asOf);
        foreach (var id in new[] { "A", "B", "A" })
        {
            builder.AddRow(new PersonRow { ContactId = id, PersonaId = persona.Id, ProfileUpdatedOn = asOf });
        }

        Assert.True(builder.AddSignal(new BehaviourSignal("s1", "B", BehaviourType.Advocacy, asOf.AddDays(-2), null, null)));
        Assert.True(builder.AddSignal(new BehaviourSignal("s2", "A", BehaviourType.Advocacy, asOf.AddDays(-3), null, null)));
        var population = builder.Build();

        var slot = BehaviourKeys.Slot(BehaviourType.Advocacy, null);
        Assert.Equal(3, population.LastSeenDays[(0 * BehaviourKeys.SlotCount) + slot]);
        Assert.Equal(2, population.LastSeenDays[(1 * BehaviourKeys.SlotCount) + slot]);
        Assert.Equal(CompactPopulation.Never, population.LastSeenDays[(2 * BehaviourKeys.SlotCount) + slot]);
    }

    /// <summary>A profile as its stored row: traits as keys joined by '|' (or none, for the by-id path).</summary>
    private static PersonRow RowOf(PersonProfile profile, bool withTraits = true) => new()
    {
        ContactId = profile.ContactId,
        PersonaId = profile.PersonaId,
        Aspirations = withTraits ? string.Join('|', profile.Traits[TraitDimension.Aspiration]) : string.Empty,
        CoreFears = withTraits ? string.Join('|', profile.Traits[TraitDimension.CoreFear]) : string.Empty,
        PeerGroups = withTraits ? string.Join('|', profile.Traits[TraitDimension.PeerGroup]) : string.Empty,
        Communities = withTraits ? string.Join('|', profile.Traits[TraitDimension.Community]) : string.Empty,
        HasDeepDesire = profile.HasDeepPersonalDesire,
        Trust = profile.Trust,
        Industry = profile.Account.Industry,
        Employees = profile.Account.EmployeeCount,
        Region = profile.Account.Region,
        ProfileUpdatedOn = profile.ProfileUpdatedOn,
    };

    [Fact]
    public void RowsWithTraitIds_GiveThePopulationOfRowsWithTraitTexts_AndUnknownIdsAreRefused()
    {
        var data = SampleOrganisation.Generate(new SampleOptions { Scale = 0.2, IncludeSignals = false });
        var asOf = data.ExportedOn!.Value;
        var byText = new PopulationBuilder(data.Personas, asOf);
        var byId = new PopulationBuilder(data.Personas, asOf);
        foreach (var profile in data.Profiles)
        {
            byText.AddRow(RowOf(profile));
            int[] ids = [.. profile.Traits.All().Select(t => byId.TraitId(t.Dimension, t.Key))];
            byId.AddRow(RowOf(profile, withTraits: false), ids);
        }

        var (a, b) = (byText.Build(), byId.Build());
        Assert.Equal(a.Count, b.Count);
        Assert.Equal(a.RecordedDimensions, b.RecordedDimensions);
        Assert.Equal(a.TraitOffsets, b.TraitOffsets);
        Assert.Equal(
            Enumerable.Range(0, a.Count).Select(c => string.Join(",", a.TraitsOf(c).ToArray().Select(t => a.Traits[t].Key).Order(StringComparer.Ordinal))),
            Enumerable.Range(0, b.Count).Select(c => string.Join(",", b.TraitsOf(c).ToArray().Select(t => b.Traits[t].Key).Order(StringComparer.Ordinal))));

        var builder = new PopulationBuilder(data.Personas, asOf);
        var profile0 = data.Profiles.First(p => p.PersonaId is not null);
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddRow(new PersonRow { ContactId = "x", PersonaId = profile0.PersonaId }, [builder.TraitId(TraitDimension.Aspiration, "growth") + 1000]));
    }

    [Fact]
    public void RowsAndSummaries_GiveTheSameEvaluationAsProfilesAndSignals()
    {
        var data = SampleOrganisation.Generate(new SampleOptions { Scale = 0.5 });
        var asOf = data.ExportedOn!.Value;
        // Sends (exposure) travel in the summary too: a theme sent to every third person, twice.
        var signals = data.Signals.Concat(data.Profiles.Where((_, i) => i % 3 == 0).SelectMany(p => new[] { 20, 27 }.Select(days =>
            new BehaviourSignal($"sent-{p.ContactId}-{days}", p.ContactId, BehaviourType.MessageSent, asOf.AddDays(-days), "Quota confidence")))).ToList();
        var fromObjects = PopulationBuilder.Build(data.Personas, data.Profiles, signals, asOf);

        var builder = new PopulationBuilder(data.Personas, asOf);
        var byContact = signals.Where(s => s.OccurredOn <= asOf)
            .Select(s => s with { OccurredOn = new DateTimeOffset(s.OccurredOn.Ticks - (s.OccurredOn.Ticks % TimeSpan.TicksPerSecond), s.OccurredOn.Offset) })
            .ToLookup(s => s.ContactId);
        foreach (var profile in data.Profiles)
        {
            var contact = builder.AddRow(RowOf(profile));
            if (contact >= 0 && byContact[profile.ContactId].Any())
            {
                Assert.True(builder.AddBehaviour(contact, BehaviourSummary.Encode(byContact[profile.ContactId])));
            }
        }

        var fromRows = builder.Build();
        var expected = new DriftEngine().Evaluate(fromObjects, data.Rules);
        var actual = new DriftEngine().Evaluate(fromRows, data.Rules);

        Assert.Equal(fromObjects.Count, fromRows.Count);
        Assert.Equal(fromObjects.LastSeenDays, fromRows.LastSeenDays);
        Assert.Equal(fromObjects.RecordedDimensions, fromRows.RecordedDimensions);
        Assert.Equal(expected.Findings.Select(f => (f.Id, f.Status, f.Evidence.N, f.Evidence.Observed)), actual.Findings.Select(f => (f.Id, f.Status, f.Evidence.N, f.Evidence.Observed)));
        Assert.Equal(expected.Suggestions.Select(s => s.Key), actual.Suggestions.Select(s => s.Key));

        // Themes, functions and referral links travel in the summary: the persons figures agree too.
        Assert.Equal(fromObjects.Trust, fromRows.Trust);
        Assert.Equal(fromObjects.Sources, fromRows.Sources);
        Assert.Equal(fromObjects.Touchpoints, fromRows.Touchpoints);
        Assert.Equal(fromObjects.ThemeExposures.Offsets, fromRows.ThemeExposures.Offsets);
        Assert.Equal(fromObjects.ThemeExposures.ThemeIds.Select(t => fromObjects.Themes[t]), fromRows.ThemeExposures.ThemeIds.Select(t => fromRows.Themes[t]));
        Assert.Equal(fromObjects.ThemeExposures.Days, fromRows.ThemeExposures.Days);
        Assert.NotEmpty(fromRows.ThemeExposures.ThemeIds);
        Assert.Equal(fromObjects.AdvocacyCounts, fromRows.AdvocacyCounts);
        Assert.Equal(fromObjects.ReferredPeople, fromRows.ReferredPeople);
        Assert.Contains(fromRows.ReferredPeople, r => r > 0);
        Assert.Equal(
            expected.Personas.Select(p => (p.Advocates.TotalPeople, p.Journey!.SingleFunction, p.TrustRecorded, string.Join(',', p.Themes.Select(t => $"{t.Key}={t.Responders}")))),
            actual.Personas.Select(p => (p.Advocates.TotalPeople, p.Journey!.SingleFunction, p.TrustRecorded, string.Join(',', p.Themes.Select(t => $"{t.Key}={t.Responders}")))));
        Assert.Equal(expected.Personas.SelectMany(p => p.Advocates.People.Select(a => a.ContactId)), actual.Personas.SelectMany(p => p.Advocates.People.Select(a => a.ContactId)));
    }

    [Fact]
    public void SummaryV2_RoundTripsThemesSourcesAndReferralLinks_AndVersion1StillReads()
    {
        var at = new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);
        BehaviourSignal[] signals =
        [
            new("a", "c", BehaviourType.Referral, at.AddDays(-2), Source: SignalSource.Sales, RelatedContactId: "friend"),
            new("b", "c", BehaviourType.MessagingResponse, at.AddDays(-1), "Quota confidence ✓", MessagingLayer.JobRoleKra, SignalSource.Marketing),
            new("d", "c", BehaviourType.MessagingResponse, at, "Quota confidence ✓", MessagingLayer.JobRoleKra),
        ];

        Assert.True(BehaviourSummaryView.TryOpen(BehaviourSummary.Encode(signals), out var view));

        Assert.Equal((3, 1, 1), (view.Count, view.ThemeCount, view.LinkCount));
        Assert.Equal("Quota confidence ✓", System.Text.Encoding.UTF8.GetString(view.Theme(0)));
        Assert.Equal((byte)SignalSource.Sales, view.Entry(0).Source);
        Assert.Equal(BehaviourSummary.None, view.Entry(0).Theme);
        Assert.Equal(((byte)0, (byte)0, BehaviourSummary.None), (view.Entry(1).Theme, view.Entry(2).Theme, view.Entry(2).Source));
        Assert.Equal((0, BehaviourSummary.ContactHash("FRIEND ")), view.Link(0));

        byte[] version1 = [1, 1, 0, 0, 0, 0];
        Assert.True(BehaviourSummaryView.TryOpen(version1, out var old));
        Assert.Equal((1, BehaviourSummary.None), (old.Entry(0).Slot, old.Entry(0).Source));
    }
}
