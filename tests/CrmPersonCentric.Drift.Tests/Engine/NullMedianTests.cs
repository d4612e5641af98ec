using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Import.Sample;

namespace CrmPersonCentric.Drift.Tests.Engine;

/// <summary>
/// Split detection's null stops drawing once 5 of its 9 draws agree on a test that holds up to some value: the answer
/// must be the one the median of all 9 draws gives, at thresholds on either side of it and on it.
/// </summary>
public sealed class NullMedianTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    public void StoppingOnceFiveAgree_AnswersAsTheMedianOfAllNine(int seed, int persona)
    {
        var data = SampleOrganisation.Generate(new SampleOptions { Seed = seed });
        var population = PopulationBuilder.Build(data.Personas, data.Profiles, data.Signals, data.ExportedOn!.Value);
        long eligible = 0;
        for (var c = 0; c < population.Count; c++)
        {
            eligible += population.PersonaIndex[c] == persona && population.TraitOffsets[c + 1] > population.TraitOffsets[c] ? 1 : 0;
        }

        var members = SplitDetector.Sample(population, persona, eligible, 300);
        var keep = Enumerable.Repeat(true, population.Traits.Count).ToArray();

        // An answer that alternates draws all nine (the fifth "yes" comes with the ninth draw).
        var all = new List<double>();
        var answer = false;
        SplitDetector.NullMedianPasses(population, persona, members, 4, keep, v =>
        {
            all.Add(v);
            return answer = !answer;
        });
        Assert.Equal(9, all.Count);
        var sorted = all.Order().ToArray();
        var median = sorted[4];

        foreach (var threshold in (double[])[sorted[0] - 1, sorted[3], Math.BitDecrement(median), median, Math.BitIncrement(median), sorted[5], sorted[8] + 1])
        {
            var drawn = 0;
            var passes = SplitDetector.NullMedianPasses(population, persona, members, 4, keep, v =>
            {
                drawn++;
                return v <= threshold;
            });

            Assert.Equal(median <= threshold, passes);
            Assert.InRange(drawn, 5, 9);
        }
    }
}
