using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Tests.Engine;

public sealed class WindowCountsTests
{
    [Theory]
    [InlineData(new[] { 90 })]
    [InlineData(new[] { 30, 45, 90, 180, 365 })]
    [InlineData(new[] { 1, 2, 3, 4, 1000 })]
    public void AddThenFold_RandomContacts_CountsEachWindowAsCountingItDirectly(int[] windows)
    {
        const int traits = 40;
        var random = new Random(windows.Sum());
        var counts = new WindowCounts(traits, windows.Length);
        var expected = new WindowCounts(traits, windows.Length);
        var traitIds = new List<int>();
        var contacts = new List<(int Age, int Start, int End, byte Recorded)>();
        for (var c = 0; c < 3_000; c++)
        {
            // Ages from a profile made today to several years old, a few unknown (negative) ones among them.
            var age = random.Next(20) == 0 ? -1 : random.Next(2 * windows[^1] + 10);
            var start = traitIds.Count;
            traitIds.AddRange(Enumerable.Range(0, traits).Where(_ => random.Next(6) == 0));
            contacts.Add((age, start, traitIds.Count, (byte)random.Next(1 << TraitDimensions.Count)));
        }

        var ids = traitIds.ToArray();
        foreach (var (age, start, end, recorded) in contacts)
        {
            counts.Add(windows, age, ids, start, end, recorded);
            CountDirectly(expected, windows, age, ids, start, end, recorded);
        }

        counts.Fold();

        Assert.Equal(expected.CurrentPeople, counts.CurrentPeople);
        Assert.Equal(expected.PreviousPeople, counts.PreviousPeople);
        for (var w = 0; w < windows.Length; w++)
        {
            Assert.Equal(expected.CurrentTraitCounts[w], counts.CurrentTraitCounts[w]);
            Assert.Equal(expected.PreviousTraitCounts[w], counts.PreviousTraitCounts[w]);
            Assert.Equal(expected.CurrentRecorded[w], counts.CurrentRecorded[w]);
            Assert.Equal(expected.PreviousRecorded[w], counts.PreviousRecorded[w]);
        }
    }

    /// <summary>The definition: current when younger than the window, previous when younger than twice it.</summary>
    private static void CountDirectly(WindowCounts into, int[] windows, int age, int[] traitIds, int start, int end, byte recorded)
    {
        for (var w = 0; w < windows.Length; w++)
        {
            var (people, traitCounts, recordedCounts) = age < windows[w]
                ? (into.CurrentPeople, into.CurrentTraitCounts[w], into.CurrentRecorded[w])
                : age < 2 * windows[w] ? (into.PreviousPeople, into.PreviousTraitCounts[w], into.PreviousRecorded[w]) : (null, null, null);
            if (people is null)
            {
                continue;
            }

            people[w]++;
            for (var i = start; i < end; i++)
            {
                traitCounts![traitIds[i]]++;
            }

            for (var d = 0; d < TraitDimensions.Count; d++)
            {
                if ((recorded & (1 << d)) != 0)
                {
                    recordedCounts![d]++;
                }
            }
        }
    }
}
