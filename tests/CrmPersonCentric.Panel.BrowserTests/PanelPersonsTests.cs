using CrmPersonCentric.Panel.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CrmPersonCentric.Panel.BrowserTests;

/// <summary>Persons over averages in the panel: the advocate badge and the journey across functions.</summary>
public sealed class PanelPersonsTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Advocate_ShowsABadgeWithTheEvaluationsReason()
    {
        await using var session = await PanelSession.OpenAsync(fixture,
            "?attr.cpc_advocatereason=Referred%204%20people%20in%20the%20last%2090%20days&attr.cpc_advocatekinds=advocate,%20referrer");

        var badge = session.Section("persona").Locator(".advocate");
        await Assertions.Expect(badge).ToBeVisibleAsync();
        Assert.Equal("★ Advocate · Connector: referrals", await badge.Locator(".advocate__badge").InnerTextAsync());
        Assert.Equal("Referred 4 people in the last 90 days", await badge.Locator(".advocate__reason").InnerTextAsync());
        Assert.Equal("advocate,referrer", await badge.GetAttributeAsync("data-advocate"));
        await session.ScreenshotAsync("advocate-badge");
    }

    [Fact]
    public async Task NotAnAdvocate_ShowsNoBadge()
    {
        await using var session = await PanelSession.OpenAsync(fixture);

        Assert.Equal(0, await session.Section("persona").Locator(".advocate").CountAsync());
    }

    [Fact]
    public async Task UnknownKinds_AreNotShownAsWritten_TheBadgeSaysAdvocate()
    {
        await using var session = await PanelSession.OpenAsync(fixture, "?attr.cpc_advocatereason=Stands%20out&attr.cpc_advocatekinds=%3Cscript%3E");

        Assert.Equal("★ Advocate", await session.Section("persona").Locator(".advocate__badge").InnerTextAsync());
        Assert.DoesNotContain("<script", await session.Section("persona").InnerHTMLAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OneFunctionOnly_SaysSoAndAsksForAnother()
    {
        await using var session = await PanelSession.OpenAsync(fixture, "?source=one");

        var summary = session.Section("signals").Locator(".journey__summary");
        Assert.Equal("Only Marketing has met this person in their last 3 touchpoints: bring in another function.", await summary.InnerTextAsync());
        Assert.Equal("1", await summary.GetAttributeAsync("data-functions"));
        await session.ScreenshotAsync("journey-one-function");
    }
}
