using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Model.Tests.Taxonomy;

public sealed class TraitMemoTests
{
    private static readonly string[] Phrasings =
    [
        "Fear of missing quota", "missing quota", "MISSING QUOTA!", "Burnout", "burn-out", "ransomware", "Losing the team",
        "losing the team", "Wants to lead a bigger team", "", "   ", "!!!", "\uD800broken", new string('x', 300), "Köln-Gruppe",
        "ＦＵＬＬＷＩＤＴＨ", "Member of the DevOps guild", "a", "b", "c",
    ];

    [Fact]
    public void NormalizeList_WithAMemoAcrossRows_IsWhatEachRowGivesAlone()
    {
        var random = new Random(20261207);
        var memo = new TraitMemo();
        var normalizer = TraitNormalizer.Default;
        for (var row = 0; row < 2_000; row++)
        {
            var dimension = TraitDimensions.All[random.Next(TraitDimensions.Count)];
            var cell = string.Join(random.Next(3) switch { 0 => ";", 1 => " | ", _ => "\n" },
                Enumerable.Range(0, random.Next(0, 8)).Select(_ => Phrasings[random.Next(Phrasings.Length)]));

            var remembered = normalizer.NormalizeList(dimension, cell, memo: memo);
            var alone = normalizer.NormalizeList(dimension, cell);

            Assert.Equal(alone.Traits, remembered.Traits);
            Assert.Equal(alone.Errors, remembered.Errors);
        }
    }

    [Fact]
    public void NormalizeList_AProblemSeenBefore_NamesItsOwnRowsItem()
    {
        var memo = new TraitMemo();

        TraitNormalizer.Default.NormalizeList(TraitDimension.CoreFear, "!!!", memo: memo);
        var second = TraitNormalizer.Default.NormalizeList(TraitDimension.CoreFear, "Burnout; !!!", memo: memo);

        var error = Assert.Single(second.Errors);
        Assert.Equal(TraitDimension.CoreFear.ToFieldName() + "[1]", error.Field);
        Assert.Equal("has no letters or digits", error.Message);
    }

    [Fact]
    public void NormalizeList_ManyItems_EachTraitOnceInTheOrderTyped()
    {
        var normalizer = new TraitNormalizer(TraitTaxonomy.Default, new TraitLimits(MaxLength: 100, MaxPerDimension: 100));
        var typed = Enumerable.Range(0, 60).Select(i => "trait " + (i % 23)).ToArray();

        var result = normalizer.NormalizeList(TraitDimension.Community, string.Join(';', typed));

        Assert.Equal(typed.Distinct().Select(t => t.Replace(' ', '-')), result.Keys);
    }
}
