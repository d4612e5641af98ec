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
using MessageThemeTable = CrmPersonCentric.Dataverse.Schema.Tables.MessageTheme;

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
        dataverse.Add(MessageThemeTable.EntitySet, new JsonObject { [MessageThemeTable.Key] = "quota-confidence", [MessageThemeTable.Synonyms] = "Q4 confidence webinar; Hit it" });
        dataverse.Add(MessageThemeTable.EntitySet, new JsonObject
        {
            [MessageThemeTable.Key] = "board-ready", [MessageThemeTable.Label] = "Board-ready numbers", [MessageThemeTable.Dimension] = Choices.From(TraitDimension.CoreFear), [MessageThemeTable.Trait] = "Losing credibility",
            [MessageThemeTable.Layer] = Choices.From(MessagingLayer.JobRoleKra, 0),
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
        dataverse.Add(MessageThemeTable.EntitySet, new JsonObject { [MessageThemeTable.Key] = "Not A Key" });
        dataverse.Add(MessageThemeTable.EntitySet, new JsonObject { [MessageThemeTable.Label] = "No key" });
        dataverse.Add(MessageThemeTable.EntitySet, new JsonObject { [MessageThemeTable.Key] = "orphan-trait", [MessageThemeTable.Trait] = "missing-quota" });
        dataverse.Add(MessageThemeTable.EntitySet, new JsonObject { [MessageThemeTable.Key] = "fine" });
        using var source = Source(dataverse);

        var (themes, skipped) = await source.ReadAsync(TestContext.Current.CancellationToken);

        Assert.Equal(3, skipped);
        Assert.Equal(ThemeTaxonomy.Default.Entries.Length + 1, themes.Entries.Length);
    }

    [Fact]
    public async Task When_Dataverse_cannot_be_read_the_last_themes_stay_and_the_read_is_retried_later()
    {
        var client = Substitute.For<IDataverseClient>();
        client.QueryAsync(MessageThemeTable.EntitySet, Arg.Any<ODataQuery>(), Arg.Any<CancellationToken>())
            .Throws(new DataverseException(HttpStatusCode.ServiceUnavailable, null, "down", null));
        using var source = Source(client);

        var themes = await source.ThemesAsync(TestContext.Current.CancellationToken);
        await source.ThemesAsync(TestContext.Current.CancellationToken);
        _time.Advance(WebApiTraitTaxonomySource.RetryAfterFailure);
        await source.ThemesAsync(TestContext.Current.CancellationToken);

        Assert.Same(ThemeTaxonomy.Default, themes);
        client.Received(2).QueryAsync(MessageThemeTable.EntitySet, Arg.Any<ODataQuery>(), Arg.Any<CancellationToken>());
    }
}
