using CrmPersonCentric.Drift.Statistics;

namespace CrmPersonCentric.Drift.Tests.Statistics;

public sealed class BenjaminiHochbergTests
{
    // The 15 p-values of Benjamini & Hochberg (1995), §4.1: at q = 0.05 the first four hypotheses are rejected.
    private static readonly double[] PaperPValues =
        [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000];

    [Fact]
    public void Adjust_PaperExample_RejectsFourAtFivePercent()
    {
        var q = BenjaminiHochberg.Adjust(PaperPValues);

        Assert.Equal(4, q.Count(v => v <= 0.05));
        Assert.Equal(0.0015, q[0], 10);
        Assert.Equal(0.035625, q[3], 10);
        Assert.Equal(0.063857, q[5], 6);
        Assert.Equal(q[5], q[6]);
        Assert.Equal(1, q[14]);
    }

    [Fact]
    public void Adjust_KeepsInputOrder()
    {
        var q = BenjaminiHochberg.Adjust([0.04, 0.01, 0.03]);

        Assert.Equal([0.04, 0.03, 0.04], q.Select(v => Math.Round(v, 10)));
    }

    [Fact]
    public void Adjust_Ties_GetTheSameQValue()
    {
        var q = BenjaminiHochberg.Adjust([0.02, 0.02, 0.02]);

        Assert.All(q, v => Assert.Equal(0.02, v, 10));
    }

    [Fact]
    public void Adjust_Empty_IsEmpty()
    {
        Assert.Empty(BenjaminiHochberg.Adjust([]));
    }

    [Fact]
    public void Adjust_InvalidPValue_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BenjaminiHochberg.Adjust([0.5, 1.5]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Adjust_ManyTies_EqualsTheStepUpDefinition(int seed)
    {
        // p-values from few distinct values (as many rare traits give), against q(i) = min over j ≥ i of m·p(j) / j with
        // the p-values ranked by value, then position.
        var random = new Random(seed);
        var p = Enumerable.Range(0, 2_000).Select(_ => random.Next(40) / 40.0).ToArray();
        var ranked = Enumerable.Range(0, p.Length).OrderBy(i => p[i]).ThenBy(i => i).ToArray();
        var expected = new double[p.Length];
        var running = 1.0;
        for (var rank = p.Length; rank >= 1; rank--)
        {
            running = Math.Min(running, p[ranked[rank - 1]] * p.Length / rank);
            expected[ranked[rank - 1]] = running;
        }

        Assert.Equal(expected, BenjaminiHochberg.Adjust(p));
    }
}
