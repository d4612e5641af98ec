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
using T = CrmPersonCentric.Dataverse.Schema.Tables.MessageTheme;

namespace CrmPersonCentric.Dataverse.Tests.WebApi;

public sealed class ThemeSourceTests
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(5);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private WebApiThemeTaxonomySource Source(IDataverseClient client) => new(client, Refresh, _time, NullLogger<WebApiThemeTaxonomySource>.Instance);

    [Fact]
    public async Task A_campaign_name_added_in_Dataverse_counts_toward_its_theme_and_a_new_theme_is_known()
    {
        var dataverse = new FakeDataverse();
        dataverse.Add(T.EntitySet, new JsonObject { [T.Key] = "quota-confidence", [T.Synonyms] = "Q4 confidence webinar; Hit it" });
        dataverse.Add(T.EntitySet, new JsonObject
        {
            [T.Key] = "board-ready", [T.Label] = "Board-ready numbers", [T.Dimension] = Choices.From(TraitDimension.CoreFear), [T.Trait] = "Losing credibility",
            [T.Layer] = Choices.From(MessagingLayer.JobRoleKra, 0),
        });
        using var source = Source(dataverse);

        var themes = await source.ThemesAsync(TestContext.Current.CancellationToken);

        Assert.Equal("quota-confidence", themes.KeyOf("Q4 Confidence Webinar"));
        Assert.Equal("quota-confidence", themes.KeyOf("confident forecast")); // the shipped synonyms stay
        Assert.Equal("hit-the-number", themes.Find("quota-confidence")!.Trait);
        var board = themes.Find("board-ready")!;
        Assert.Equal(("Board-ready numbers", TraitDimension.CoreFear, "losing-credibility", MessagingLayer.JobRoleKra), (board.Label, board.Dimension!.Value, board.Trait, board.Layer!.Value));
    }

    [Fact]
    public async Task Rows_that_cannot_be_themes_are_skipped()
    {
        var dataverse = new FakeDataverse();
        dataverse.Add(T.EntitySet, new JsonObject { [T.Key] = "Not A Key" });
        dataverse.Add(T.EntitySet, new JsonObject { [T.Label] = "No key" });
        dataverse.Add(T.EntitySet, new JsonObject { [T.Key] = "orphan-trait", [T.Trait] = "missing-quota" });
        dataverse.Add(T.EntitySet, new JsonObject { [T.Key] = "fine" });
        using var source = Source(dataverse);

        var (themes, skipped) = await source.ReadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(3, skipped);
        Assert.Equal(ThemeTaxonomy.Default.Entries.Length + 1, themes.Entries.Length);
    }

    [Fact]
    public async Task When_Dataverse_cannot_be_read_the_last_themes_stay_and_the_read_is_retried_later()
    {
        var client = Substitute.For<IDataverseClient>();
        client.QueryAsync(T.EntitySet, Arg.Any<ODataQuery>(), Arg.Any<CancellationToken>())
            .Throws(new DataverseException(HttpStatusCode.ServiceUnavailable, null, "down", null));
        using var source = Source(client);

        var themes = await source.ThemesAsync(TestContext.Current.CancellationToken);
        await source.ThemesAsync(TestContext.Current.CancellationToken);
        _time.Advance(WebApiTraitTaxonomySource.RetryAfterFailure);
        await source.ThemesAsync(TestContext.Current.CancellationToken);

        Assert.Same(ThemeTaxonomy.Default, themes);
        client.Received(2).QueryAsync(T.EntitySet, Arg.Any<ODataQuery>(), Arg.Any<CancellationToken>());
    }
}
