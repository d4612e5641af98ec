using CrmPersonCentric.Panel.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CrmPersonCentric.Panel.BrowserTests;

/// <summary>A persona with more open findings than the panel shows: the right ones first, opportunities as opportunities, a short panel.</summary>
public sealed class PanelAlertsTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task With_fifteen_open_findings_the_most_severe_and_recent_come_first_with_how_many_more()
    {
        await using var session = await PanelSession.OpenAsync(fixture, "?findings=many");
        var drift = session.Section("drift");

        Assert.Equal("14 open alerts, the most severe first.", await drift.Locator(".alerts__count").First.InnerTextAsync());
        var alerts = drift.Locator("ul.alerts:not(.alerts--opportunities) > li.alert");
        Assert.Equal(3, await alerts.CountAsync());
        Assert.Equal(
            ["38% of its people show the core fear 'Being replaced by AI', which the persona does not mention.",
             "13% of its people extend trust through sales conversations; the persona expects 70%.",
             "10% of its people referred someone in the last 90 days; the persona expects 30%."],
            await alerts.Locator(".alert__text").AllInnerTextsAsync());
        Assert.Equal(["Critical", "Critical", "Warning"], await alerts.Locator(".alert__severity").AllInnerTextsAsync());
        Assert.Equal("11 more in the persona's findings.", await drift.Locator(".alerts__more").InnerTextAsync());
        Assert.Equal(0, await drift.GetByText("Minor finding").CountAsync());

        // The opportunity is one, not a critical drift alert.
        var opportunity = drift.Locator("li.alert[data-kind='opportunity']");
        Assert.Equal("Opportunity", await opportunity.Locator(".alert__severity").InnerTextAsync());
        Assert.Contains("alert--opportunity", await opportunity.GetAttributeAsync("class"), StringComparison.Ordinal);
        Assert.Equal("1 opportunity to use", await drift.Locator(".alerts__count--opportunity").InnerTextAsync());

        // One plain sentence per alert; the statistics on demand.
        var why = alerts.First.Locator(".alert__why");
        Assert.False(await why.IsVisibleAsync());
        await alerts.First.GetByRole(AriaRole.Button, new() { Name = "Details" }).ClickAsync();
        Assert.Equal("z = 14.9, q < 0.001.", await why.InnerTextAsync());
        await session.ScreenshotAsync("alerts-many-420");
    }

    [Fact]
    public async Task At300Pixels_the_panel_opens_with_fit_and_the_top_alert_and_stays_under_1200_pixels()
    {
        await using var session = await PanelSession.OpenAsync(fixture, "?findings=many", width: 300, height: 900, expand: false);

        var height = await session.Panel.EvaluateAsync<double>("() => document.querySelector('.cpc-panel').getBoundingClientRect().height");
        await session.ScreenshotAsync("alerts-collapsed-300");
        Assert.True(height < 1200, $"The panel is {height} px tall at 300 px.");
        var widest = await session.Panel.EvaluateAsync<double>("() => Math.max(...[...document.querySelectorAll('.cpc-panel *')].filter(e => e.getClientRects().length).map(e => e.getBoundingClientRect().right))");
        Assert.True(widest <= 300, $"An element reaches {widest}px.");
        // Fit first, then the most severe alert; the capture inputs and the least used sections folded.
        var order = await session.Panel.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.cpc-panel > section.card')].map(s => s.dataset.card)");
        Assert.Equal(["persona", "drift", "traits", "ladder", "trust", "signals"], order);
        var topAlert = await session.Section("drift").Locator("li.alert").First.BoundingBoxAsync();
        Assert.True(topAlert!.Y + topAlert.Height <= 900, "The top alert is not on the first screen.");
        Assert.False(await session.Input("coreFear").IsVisibleAsync());
        Assert.False(await session.Section("signals").IsVisibleAsync());
        await session.ScreenshotAsync("alerts-collapsed-300");
        await File.WriteAllTextAsync(Path.Combine(BrowserFixture.ScreenshotFolder, "panel-height-300.txt"), $"panel at 300 px, sections and inputs as it opens: {height:0} px tall", TestContext.Current.CancellationToken);

        // Opening a capture form shows its input, and it stays open when the block renders again after adding.
        await session.Panel.GetByRole(AriaRole.Button, new() { Name = "Add fears" }).ClickAsync();
        await session.Input("coreFear").FillAsync("Burnout");
        await session.Input("coreFear").PressAsync("Enter");
        Assert.True(await session.Input("coreFear").IsVisibleAsync());
        Assert.EndsWith("; Burnout", await session.ColumnValueAsync("cpc_corefears"), StringComparison.Ordinal);
    }
}
