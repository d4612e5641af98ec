using System.Net;
using System.Text.Json.Nodes;
using CrmPersonCentric.Dataverse.Records;
using CrmPersonCentric.Dataverse.Schema;
using CrmPersonCentric.Dataverse.WebApi;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using TraitTaxonomyTable = CrmPersonCentric.Dataverse.Schema.Tables.TraitTaxonomy;

namespace CrmPersonCentric.Dataverse.Tests.WebApi;

public sealed class TaxonomySourceTests
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(5);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private static JsonObject Row(TraitDimension dimension, string? key, string? label, string? synonyms) => new()
    {
        [TraitTaxonomyTable.Dimension] = Choices.From(dimension),
        [TraitTaxonomyTable.Key] = key,
        [TraitTaxonomyTable.Label] = label,
        [TraitTaxonomyTable.Synonyms] = synonyms,
    };

    private WebApiTraitTaxonomySource Source(IDataverseClient client) =>
        new(client, TraitLimits.Default, Refresh, _time, NullLogger<WebApiTraitTaxonomySource>.Instance);

    private static string? Key(TraitNormalizer normalizer, TraitDimension dimension, string text) =>
        normalizer.TryNormalize(dimension, text, "trait", out _)?.Key;

    [Fact]
    public async Task A_synonym_added_in_Dataverse_maps_to_its_key_and_a_new_key_is_known()
    {
        var dataverse = new FakeDataverse();
        dataverse.Add(TraitTaxonomyTable.EntitySet, Row(TraitDimension.CoreFear, "missing-quota", null, "quota panik; Q4 nightmare"));
        dataverse.Add(TraitTaxonomyTable.EntitySet, Row(TraitDimension.Community, "revops-guild", "RevOps Guild", "the guild"));
        using var source = Source(dataverse);

        var normalizer = await source.NormalizerAsync(TestContext.Current.CancellationToken);

        Assert.Equal("missing-quota", Key(normalizer, TraitDimension.CoreFear, "Quota panik"));
        Assert.Equal("missing-quota", Key(normalizer, TraitDimension.CoreFear, "Q4 nightmare!"));
        Assert.Equal("missing-quota", Key(normalizer, TraitDimension.CoreFear, "missing target")); // the shipped synonyms stay
        Assert.Equal("Missing quota", normalizer.Taxonomy.LabelOf(TraitDimension.CoreFear, "missing-quota")); // no label: the shipped one
        Assert.Equal("revops-guild", Key(normalizer, TraitDimension.Community, "The Guild"));
        Assert.Equal("RevOps Guild", normalizer.Taxonomy.LabelOf(TraitDimension.Community, "revops-guild"));
    }

    [Fact]
    public async Task Rows_that_cannot_be_entries_are_skipped_and_the_rest_is_used()
    {
        var dataverse = new FakeDataverse();
        dataverse.Add(TraitTaxonomyTable.EntitySet, Row(TraitDimension.CoreFear, "Not A Key", "Bad", "x"));
        dataverse.Add(TraitTaxonomyTable.EntitySet, Row(TraitDimension.CoreFear, null, "No key", "y"));
        dataverse.Add(TraitTaxonomyTable.EntitySet, new JsonObject { [TraitTaxonomyTable.Dimension] = 1, [TraitTaxonomyTable.Key] = "odd-dimension" });
        dataverse.Add(TraitTaxonomyTable.EntitySet, Row(TraitDimension.Aspiration, "write-a-book", "Write a book", null));
        using var source = Source(dataverse);

        var (taxonomy, skipped) = await source.ReadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(3, skipped);
        Assert.Equal(TraitTaxonomy.Default.Entries.Length + 1, taxonomy.Entries.Length);
        Assert.NotNull(taxonomy.FindByKey(TraitDimension.Aspiration, "write-a-book"));
    }

    [Fact]
    public async Task The_taxonomy_is_read_again_only_after_the_refresh_interval()
    {
        var dataverse = new FakeDataverse();
        using var source = Source(dataverse);
        var ct = TestContext.Current.CancellationToken;
        Assert.Null(Key(await source.NormalizerAsync(ct), TraitDimension.Community, "the guild") is "revops-guild" ? "mapped" : null);

        dataverse.Add(TraitTaxonomyTable.EntitySet, Row(TraitDimension.Community, "revops-guild", "RevOps Guild", "the guild"));
        _time.Advance(Refresh - TimeSpan.FromSeconds(1));
        Assert.Equal("the-guild", Key(await source.NormalizerAsync(ct), TraitDimension.Community, "the guild"));

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("revops-guild", Key(await source.NormalizerAsync(ct), TraitDimension.Community, "the guild"));
    }

    [Fact]
    public async Task When_Dataverse_cannot_be_read_the_shipped_taxonomy_stays_in_use()
    {
        var client = Substitute.For<IDataverseClient>();
        client.QueryAsync(TraitTaxonomyTable.EntitySet, Arg.Any<ODataQuery>(), Arg.Any<CancellationToken>())
            .Throws(new DataverseException(HttpStatusCode.ServiceUnavailable, null, "unavailable", null));
        using var source = Source(client);

        var normalizer = await source.NormalizerAsync(TestContext.Current.CancellationToken);

        Assert.Equal("missing-quota", Key(normalizer, TraitDimension.CoreFear, "Fear of missing quota"));
    }
}
