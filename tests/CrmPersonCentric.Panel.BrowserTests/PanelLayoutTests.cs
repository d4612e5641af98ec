using CrmPersonCentric.Panel.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CrmPersonCentric.Panel.BrowserTests;

public sealed class PanelLayoutTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task At300Pixels_NothingScrollsSideways()
    {
        var longTrait = new string('w', 100);
        await using var session = await PanelSession.OpenAsync(fixture, "?attr.cpc_aspirations=" + Uri.EscapeDataString("Hit quota; " + longTrait), width: 300, height: 800);

        var panelWidth = await session.Panel.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
        var pageWidth = await session.Page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
        Assert.InRange(panelWidth, 200, 300);
        Assert.InRange(pageWidth, 200, 300);
        var widest = await session.Panel.EvaluateAsync<double>("() => Math.max(...[...document.querySelectorAll('.cpc-panel *')].map(e => e.getBoundingClientRect().right))");
        Assert.True(widest <= 300, $"An element reaches {widest}px.");
        await session.ScreenshotAsync("narrow-300");
    }

    [Fact]
    public async Task At300Pixels_TheAddInputIsReachableByKeyboardAndEnterAdds()
    {
        await using var session = await PanelSession.OpenAsync(fixture, width: 300, height: 800);

        var visited = new List<string>();
        for (var i = 0; i < 40 && !visited.Contains("input:coreFear"); i++)
        {
            await session.Page.Keyboard.PressAsync("Tab");
            visited.Add(await session.FocusedAsync());
        }

        Assert.Contains("input:coreFear", visited);
        Assert.True(visited.IndexOf("input:aspiration") < visited.IndexOf("Remove Missing quota"), "Focus order should follow the reading order.");
        Assert.True(visited.IndexOf("Remove Missing quota") < visited.IndexOf("input:coreFear"), "Focus order should follow the reading order.");
        var outline = await session.Panel.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
        Assert.NotEqual("none", outline);

        await session.Page.Keyboard.TypeAsync("Burnout");
        await session.Page.Keyboard.PressAsync("Enter");
        Assert.EndsWith("; Burnout", await session.ColumnValueAsync("cpc_corefears"), StringComparison.Ordinal);
        await session.ScreenshotAsync("keyboard-300");
    }

    [Fact]
    public async Task Panel_MakesNoRequestOutsideLoopback_AndLogsNothing()
    {
        await using var session = await PanelSession.OpenAsync(fixture);
        await session.Panel.GetByLabel("Add fear").FillAsync("Burnout");
        await session.Panel.GetByLabel("Add fear").PressAsync("Enter");
        await session.Panel.GetByRole(AriaRole.Button, new() { Name = "Remove Burnout" }).ClickAsync();

        var origin = session.BaseAddress.GetLeftPart(UriPartial.Authority) + "/";
        Assert.NotEmpty(session.RequestUrls);
        Assert.All(session.RequestUrls, url => Assert.StartsWith(origin, url, StringComparison.Ordinal));
        Assert.StartsWith("http://127.0.0.1:", origin, StringComparison.Ordinal);
        Assert.Contains(session.RequestUrls, url => url.EndsWith("/EnrichmentPanel/bundle.js", StringComparison.Ordinal));
        Assert.Empty(session.ConsoleMessages);
        Assert.Empty(session.PageErrors);
    }

    [Fact]
    public async Task Landmarks_AndLabels_AreThereForScreenReaders()
    {
        await using var session = await PanelSession.OpenAsync(fixture);

        await Assertions.Expect(session.Panel.GetByRole(AriaRole.Region, new() { Name = "Person insights", Exact = true })).ToBeVisibleAsync();
        Assert.Equal(0, await session.Panel.GetByRole(AriaRole.Main).CountAsync()); // the form page has the main landmark
        foreach (var name in new[] { "Persona fit", "What drives this person", "Messaging ladder", "How they extend trust", "Persona alerts", "One journey across functions" })
        {
            await Assertions.Expect(session.Panel.GetByRole(AriaRole.Region, new() { Name = name })).ToBeVisibleAsync();
        }

        foreach (var label in new[] { "Add aspiration", "Add fear", "Add peer group", "Add community" })
        {
            await Assertions.Expect(session.Panel.GetByRole(AriaRole.Combobox, new() { Name = label })).ToBeEditableAsync();
        }

        await Assertions.Expect(session.Panel.GetByRole(AriaRole.List, new() { Name = "Core fears" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(3);
    }
}
