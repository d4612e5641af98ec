using CrmPersonCentric.Panel.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CrmPersonCentric.Panel.BrowserTests;

public sealed class PanelErrorTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task FailingPersonaCall_ShowsAReadableErrorAndKeepsTheRestUsable()
    {
        await using var session = await PanelSession.OpenAsync(fixture, "?fail=cpc_persona");

        var alert = session.Section("persona").GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("Could not load the persona.");
        var text = await alert.InnerTextAsync();
        // It names what could not be read and the role to ask for; the privilege and code stay for the administrator.
        Assert.Contains("Your security roles do not let you read personas. Ask your administrator for the role \u201cCrmPersonCentric sales user\u201d (missing privilege prvReadcpc_persona, 0x80040220).", text, StringComparison.Ordinal);
        Assert.DoesNotContain("harness.js", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
        await Assertions.Expect(session.Section("ladder").GetByRole(AriaRole.Alert)).ToContainTextAsync("Could not load the messaging ladder.");

        Assert.Equal(3, await session.Section("drift").Locator("li.alert").CountAsync());
        Assert.Equal(3, await session.Section("signals").Locator("li.signal").CountAsync());
        Assert.Equal(0, await session.Panel.Locator(".chip__state").CountAsync());
        await session.Panel.GetByLabel("Add fear").FillAsync("Burnout");
        await session.Panel.GetByLabel("Add fear").PressAsync("Enter");
        Assert.EndsWith("; Burnout", await session.ColumnValueAsync("cpc_corefears"), StringComparison.Ordinal);
        await session.ScreenshotAsync("error-persona");
    }

    [Theory]
    [InlineData("cpc_driftfinding", "drift", "Could not load drift alerts.")]
    [InlineData("cpc_behavioursignal", "signals", "Could not load recent signals.")]
    [InlineData("cpc_traittaxonomy", "traits", "Could not load trait suggestions.")]
    public async Task FailingCall_ShowsTheErrorInItsOwnSection(string table, string section, string message)
    {
        await using var session = await PanelSession.OpenAsync(fixture, "?fail=" + table);

        await Assertions.Expect(session.Section(section).GetByRole(AriaRole.Alert)).ToContainTextAsync(message);
        Assert.Equal(1, await session.Panel.Locator(".section-error").CountAsync());
        Assert.Equal("0.72", await session.Section("persona").Locator(".fit__value").InnerTextAsync());
        Assert.Equal(3, await session.Section("traits").Locator("[data-dimension='coreFear'] li.chip").CountAsync());
    }

    [Fact]
    public async Task FailingTaxonomy_StillNormalisesAndCapturesTraits()
    {
        await using var session = await PanelSession.OpenAsync(fixture, "?fail=cpc_traittaxonomy");

        // Without the taxonomy, "Fear of missing quota" is the candidate key missing-quota, which the persona declares.
        Assert.Equal("matches persona", (await session.Chip("missing-quota").Locator(".chip__state").TextContentAsync())?.TrimStart(',', ' '));
        await session.Panel.GetByLabel("Add fear").FillAsync("fear of missing quota");
        await session.Panel.GetByLabel("Add fear").PressAsync("Enter");
        await Assertions.Expect(session.Error("coreFear")).ToContainTextAsync("Already recorded");
    }

    [Fact]
    public async Task EveryCallFailing_ShowsAnErrorPerSectionAndCaptureStillWrites()
    {
        await using var session = await PanelSession.OpenAsync(fixture, "?fail=all");

        var alerts = await session.Panel.Locator(".section-error[role='alert']").AllInnerTextsAsync();
        Assert.Equal(5, alerts.Count);
        Assert.All(alerts, a => Assert.DoesNotContain("harness.js", a, StringComparison.Ordinal));
        await session.Panel.GetByLabel("Add community").FillAsync("RevOps collective");
        await session.Panel.GetByLabel("Add community").PressAsync("Enter");
        Assert.Equal("Pavilion; Local user group; RevOps collective", await session.ColumnValueAsync("cpc_communities"));
        await session.ScreenshotAsync("error-all");
    }
}
