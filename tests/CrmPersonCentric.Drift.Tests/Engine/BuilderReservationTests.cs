using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Import.Sample;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Tests.Engine;

/// <summary>
/// The builder hands its columns over without a copy when they were reserved exactly: the population must be the same
/// whether the reservation was exact, short, generous or absent, and a spent builder must refuse more work.
/// </summary>
public sealed class BuilderReservationTests
{
    [Fact]
    public void ExactShortGenerousOrNoReservation_GiveTheSamePopulation_AndABuiltBuilderIsSpent()
    {
        var data = SampleOrganisation.Generate(new SampleOptions { Scale = 0.2, UntaggedPeople = 0 });
        var asOf = data.ExportedOn!.Value;
        var profiles = data.Profiles.ToArray();
        CompactPopulation BuildWith(int? reserve)
        {
            var builder = new PopulationBuilder(data.Personas, asOf);
            if (reserve is { } contacts)
            {
                builder.EnsureCapacity(contacts);
            }

            foreach (var profile in profiles)
            {
                builder.Add(profile);
            }

            foreach (var signal in data.Signals)
            {
                builder.AddSignal(signal);
            }

            return builder.Build();
        }

        // Every column a reservation can hand over, and the ones built from them.
        Func<CompactPopulation, System.Collections.IEnumerable>[] columns =
        [
            p => p.ContactIds, p => p.PersonaIndex, p => p.TraitOffsets, p => p.TraitIds, p => p.RecordedDimensions,
            p => p.ProfileAgeDays, p => p.HasDeepDesire, p => p.IndustryIds, p => p.RegionIds, p => p.EmployeeCounts,
            p => p.LastSeenDays, p => p.Trust, p => p.Sources, p => p.Touchpoints, p => p.AdvocacyCounts,
            p => p.ReferredPeople, p => p.ThemeResponses.Offsets, p => p.ThemeResponses.ThemeIds, p => p.ThemeResponses.Days,
        ];
        var reference = BuildWith(null);
        foreach (var population in new[] { BuildWith(profiles.Length), BuildWith(profiles.Length / 3), BuildWith(profiles.Length * 2) })
        {
            Assert.Equal(reference.Count, population.Count);
            foreach (var column in columns)
            {
                Assert.Equal(column(reference), column(population));
            }
        }

        Assert.Equal(profiles.Length, reference.Count); // every profile tagged: the exact reservation was exact

        var spent = new PopulationBuilder(data.Personas, asOf);
        spent.Add(profiles[0]);
        spent.Build();
        Assert.Throws<InvalidOperationException>(() => spent.Build());
        Assert.Throws<InvalidOperationException>(() => spent.Add(profiles[1]));
        Assert.Throws<InvalidOperationException>(() => spent.AddSignal(new BehaviourSignal("s", profiles[0].ContactId, BehaviourType.Referral, asOf)));
    }
}
