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

        var reference = BuildWith(null);
        foreach (var population in new[] { BuildWith(profiles.Length), BuildWith(profiles.Length / 3), BuildWith(profiles.Length * 2) })
        {
            Assert.Equal(reference.Count, population.Count);
            Assert.Equal(reference.ContactIds, population.ContactIds);
            Assert.Equal(reference.PersonaIndex, population.PersonaIndex);
            Assert.Equal(reference.TraitOffsets, population.TraitOffsets);
            Assert.Equal(reference.TraitIds, population.TraitIds);
            Assert.Equal(reference.RecordedDimensions, population.RecordedDimensions);
            Assert.Equal(reference.LastSeenDays, population.LastSeenDays);
            Assert.Equal(reference.AdvocacyCounts, population.AdvocacyCounts);
            Assert.Equal(reference.Trust, population.Trust);
            Assert.Equal(reference.Sources, population.Sources);
            Assert.Equal(reference.EmployeeCounts, population.EmployeeCounts);
            Assert.Equal(reference.ReferredPeople, population.ReferredPeople);
            Assert.Equal(reference.ThemeResponses.Offsets, population.ThemeResponses.Offsets);
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
