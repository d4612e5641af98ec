using CrmPersonCentric.Drift.Analyzers;

namespace CrmPersonCentric.Drift.Tests.Engine;

/// <summary>
/// The people of note kept per persona are chosen without sorting them all: checked against the definition (sort by
/// events, most first, then contact order; keep the first n) on lists with many ties, below, at and above the number kept.
/// </summary>
public sealed class MostActiveTests
{
    [Theory]
    [InlineData(1, 0, 200)]
    [InlineData(2, 150, 200)]
    [InlineData(3, 200, 200)]
    [InlineData(4, 201, 200)]
    [InlineData(5, 5_000, 200)]
    [InlineData(6, 5_000, 1)]
    [InlineData(7, 40_000, 200)]
    public void MostActive_AnyList_IsTheFirstOfTheFullSort(int seed, int people, int kept)
    {
        var random = new Random(seed);
        var contact = 0;
        var list = new List<(int Contact, int Events)>(people);
        for (var i = 0; i < people; i++)
        {
            contact += random.Next(1, 50);

            // Mostly few events (many ties at the cut), now and then many, up to the most four byte counts hold.
            var events = random.Next(10) == 0 ? random.Next(4 * byte.MaxValue + 1) : random.Next(1, 8);
            list.Add((contact, events));
        }

        var expected = list.OrderByDescending(p => p.Events).ThenBy(p => p.Contact).Take(kept).ToArray();

        Assert.Equal(expected, AdvocacyAnalyzer.MostActive(list, kept));
    }
}
