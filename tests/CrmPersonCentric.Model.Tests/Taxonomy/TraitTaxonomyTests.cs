using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Model.Tests.Taxonomy;

public sealed class TraitTaxonomyTests
{
    [Fact]
    public void Default_LoadsEveryDimension()
    {
        var taxonomy = TraitTaxonomy.Default;

        foreach (var dimension in TraitDimensions.All)
        {
            Assert.Contains(taxonomy.Entries, e => e.Dimension == dimension);
        }
    }

    [Fact]
    public void Create_DuplicateKey_NamesTheEntry()
    {
        var ex = Assert.Throws<ModelValidationException>(() => TraitTaxonomy.Create(
        [
            new TaxonomyEntry(TraitDimension.CoreFear, "burnout", "Burnout", []),
            new TaxonomyEntry(TraitDimension.CoreFear, "burnout", "Burn-out", []),
        ]));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("taxonomy[1].key", error.Field);
    }

    [Theory]
    [InlineData("Burnout")]
    [InlineData("burn out")]
    [InlineData("")]
    public void Create_KeyNotInKeyForm_IsRejected(string key)
    {
        var ex = Assert.Throws<ModelValidationException>(() => TraitTaxonomy.Create([new TaxonomyEntry(TraitDimension.CoreFear, key, "Label", [])]));

        Assert.Equal("taxonomy[0].key", ex.Errors[0].Field);
    }

    [Fact]
    public void LabelOf_UnknownKey_MakesAReadableLabel()
    {
        Assert.Equal("Losing a key customer", TraitTaxonomy.Default.LabelOf(TraitDimension.CoreFear, "losing-a-key-customer"));
    }

    [Fact]
    public void FromJson_ReadsSynonyms()
    {
        using var json = new MemoryStream("""[{"dimension":"community","key":"oss","label":"OSS","synonyms":["open source people"]}]"""u8.ToArray());

        var taxonomy = TraitTaxonomy.FromJson(json);
        var normalizer = new TraitNormalizer(taxonomy, TraitLimits.Default);

        Assert.Equal("oss", normalizer.Normalize(TraitDimension.Community, "Open-Source People").Key);
    }
}
