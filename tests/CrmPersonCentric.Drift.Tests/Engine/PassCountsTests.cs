using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Tests.Engine;

/// <summary>
/// The single pass counts with vector comparisons and without branches on the people's data; its counts are checked
/// here against their definition over the population's own columns: per persona and behaviour slot (every slot, the
/// last one included), the people last seen within the summary's window; per persona and trust channel, the people
/// with trust recorded who use the channel.
/// </summary>
public sealed class PassCountsTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    [Fact]
    public void BehaviourCounts_EverySlot_AreThePeopleLastSeenWithinTheWindow()
    {
        var population = fixture.Population;
        var checkedSlots = new HashSet<int>();
        for (var p = 0; p < population.Personas.Length; p++)
        {
            var summary = fixture.Evaluation.Personas.Single(s => s.PersonaId == population.Personas[p].Id);
            var window = summary.Behaviours.Select(b => b.WindowDays).DefaultIfEmpty(90).First();
            for (var slot = 0; slot < BehaviourKeys.SlotCount; slot++)
            {
                long expected = 0;
                for (var c = 0; c < population.Count; c++)
                {
                    expected += population.PersonaIndex[c] == p && population.LastSeenDays[(c * BehaviourKeys.SlotCount) + slot] < window ? 1 : 0;
                }

                var (type, layer) = BehaviourKeys.FromSlot(slot);
                var row = summary.Behaviours.SingleOrDefault(b => b.Key == BehaviourKeys.For(type, layer));
                Assert.Equal(expected, row?.Count ?? 0);
                if (expected > 0)
                {
                    checkedSlots.Add(slot);
                }
            }
        }

        // The sample shows every behaviour somewhere, so no slot's count was checked only against zero.
        Assert.Equal(BehaviourKeys.SlotCount, checkedSlots.Count);
    }

    [Fact]
    public void TrustCounts_EveryChannel_AreThePeopleWhoUseIt()
    {
        var population = fixture.Population;
        for (var p = 0; p < population.Personas.Length; p++)
        {
            var summary = fixture.Evaluation.Personas.Single(s => s.PersonaId == population.Personas[p].Id);
            for (var k = 0; k < summary.Trust.Length; k++)
            {
                long expected = 0;
                for (var c = 0; c < population.Count; c++)
                {
                    expected += population.PersonaIndex[c] == p && (population.Trust[c] & (1 << k)) != 0 ? 1 : 0;
                }

                Assert.Equal(expected, summary.Trust[k].Count);
            }
        }
    }
}
