using CrmPersonCentric.Drift.Engine;

namespace CrmPersonCentric.Drift.Tests.Engine;

public sealed class PairCountsTests
{
    [Fact]
    public void Increment_ManyPairsThroughSeveralGrowths_CountsAsADictionaryWould()
    {
        var random = new Random(17);
        var expected = new Dictionary<long, int>();
        var counts = new PairCounts();
        for (var i = 0; i < 200_000; i++)
        {
            // Skewed ids, as trait ids are (a few common groups, a long tail), both halves of the key used.
            var first = (int)Math.Pow(random.Next(1, 3000), 1.3);
            var second = first + 1 + random.Next(5000);
            var key = PairCounts.Key(first, second);
            expected[key] = expected.GetValueOrDefault(key) + 1;
            counts.Increment(key);
        }

        Assert.Equal(expected.Count, counts.Count);
        Assert.True(counts.Count > 4096, "the table grew several times");
        Assert.Equal(expected.OrderBy(p => p.Key), counts.Entries().Select(e => KeyValuePair.Create(e.Key, e.Count)).OrderBy(p => p.Key));
    }

    [Fact]
    public void Key_TraitZeroWithAnother_IsNotTheEmptySlot()
    {
        var counts = new PairCounts();

        counts.Increment(PairCounts.Key(0, 1));
        counts.Increment(PairCounts.Key(1, 0));
        counts.Increment(PairCounts.Key(0, 1));

        Assert.Equal([(PairCounts.Key(0, 1), 2), (PairCounts.Key(1, 0), 1)], counts.Entries().OrderBy(e => e.Key));
    }
}
