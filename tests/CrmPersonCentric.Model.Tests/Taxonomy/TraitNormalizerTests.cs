using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Model.Tests.Taxonomy;

public sealed class TraitNormalizerTests
{
    private readonly TraitNormalizer _sut = TraitNormalizer.Default;

    [Theory]
    [InlineData("Fear of missing quota")]
    [InlineData(" missing quota ")]
    [InlineData("MISSING QUOTA!")]
    [InlineData("missed quota")]
    [InlineData("Afraid of missing the number")]
    [InlineData("missing-quota")]
    [InlineData("Missing  quota.")]
    public void Normalize_KnownPhrasings_MapToTheSameKey(string typed)
    {
        var trait = _sut.Normalize(TraitDimension.CoreFear, typed);

        Assert.Equal("missing-quota", trait.Key);
        Assert.Equal("Missing quota", trait.Label);
        Assert.False(trait.IsCandidate);
    }

    [Fact]
    public void Normalize_SamePhraseInAnotherDimension_IsNotConfused()
    {
        var trait = _sut.Normalize(TraitDimension.Aspiration, "missing quota");

        Assert.True(trait.IsCandidate);
        Assert.Equal("missing-quota", trait.Key);
    }

    [Theory]
    [InlineData("Fear of being outdated by Gen-Z hires", "being-outdated-by-gen-z-hires", "Being outdated by gen z hires")]
    [InlineData("Don't get fired", "dont-get-fired", "Dont get fired")]
    [InlineData("Ｆｕｌｌｗｉｄｔｈ ＦＥＡＲ", "fullwidth-fear", "Fullwidth fear")]
    public void Normalize_UnknownTrait_IsKeptAsCandidate(string typed, string key, string label)
    {
        var trait = _sut.Normalize(TraitDimension.CoreFear, typed);

        Assert.True(trait.IsCandidate);
        Assert.Equal(key, trait.Key);
        Assert.Equal(label, trait.Label);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!! ---")]
    public void TryNormalize_NoLettersOrDigits_ReportsTheField(string typed)
    {
        var trait = _sut.TryNormalize(TraitDimension.CoreFear, typed, "corefears[0]", out var error);

        Assert.Null(trait);
        Assert.NotNull(error);
        Assert.Equal("corefears[0]", error.Field);
    }

    [Fact]
    public void TryNormalize_BrokenUtf16_IsAnErrorNotACrash()
    {
        var trait = _sut.TryNormalize(TraitDimension.CoreFear, "fear \ud800 of", "corefears[1]", out var error);

        Assert.Null(trait);
        Assert.Equal("corefears[1]", error!.Field);
    }

    [Fact]
    public void TryNormalize_TooLong_SaysTheLimit()
    {
        var trait = _sut.TryNormalize(TraitDimension.Aspiration, new string('a', 101), "aspirations[3]", out var error);

        Assert.Null(trait);
        Assert.Equal("aspirations[3]", error!.Field);
        Assert.Contains("at most 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NormalizeList_SplitsTrimsAndCollapsesDuplicates()
    {
        var result = _sut.NormalizeList(TraitDimension.CoreFear, "Fear of missing quota;  missing quota ; Burnout\nransomware|;");

        Assert.True(result.IsValid);
        Assert.Equal(["missing-quota", "burnout", "security-breach"], result.Keys);
    }

    [Fact]
    public void NormalizeList_MoreThanTheLimit_ReportsTheCount()
    {
        var normalizer = new TraitNormalizer(TraitTaxonomy.Default, new TraitLimits(MaxLength: 100, MaxPerDimension: 2));

        var result = normalizer.NormalizeList(TraitDimension.Community, "a; b; c");

        var error = Assert.Single(result.Errors);
        Assert.Equal("communities", error.Field);
        Assert.Contains("3 traits; at most 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NormalizeList_Empty_IsValidAndEmpty()
    {
        var result = _sut.NormalizeList(TraitDimension.PeerGroup, null);

        Assert.True(result.IsValid);
        Assert.Empty(result.Traits);
    }
}
