using CrmPersonCentric.Panel.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CrmPersonCentric.Panel.BrowserTests;

/// <summary>Profile completeness and the enrichment worklist note (issue: drift on incomplete data).</summary>
public sealed class PanelCompletenessTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static ILocator Completeness(PanelSession session) => session.Section("traits").Locator("[data-completeness]");

    [Fact]
    public async Task CompleteProfile_SaysSo_AndShowsNoWorklistNote()
    {
        await using var session = await PanelSession.OpenAsync(fixture);

        Assert.Equal("Profile complete: all 4 dimensions recorded.", await Completeness(session).InnerTextAsync());
        Assert.Equal(0, await Completeness(session).Locator(".completeness__worklist").CountAsync());
    }

    [Fact]
    public async Task EmptyDimensions_AreNamed_DeclaredOnesFirst_AndAddingATraitUpdatesTheLine()
    {
        await using var session = await PanelSession.OpenAsync(fixture, "?attr.cpc_communities=&attr.cpc_peergroups=");

        var summary = Completeness(session).Locator(".completeness__summary");
        Assert.Equal("2 of 4 dimensions recorded. Still empty: Peer groups (the persona declares it), Communities (the persona declares it).", await summary.InnerTextAsync());

        await session.Panel.GetByLabel("Add community").FillAsync("Pavilion");
        await session.Panel.GetByLabel("Add community").PressAsync("Enter");

        await Assertions.Expect(summary).ToHaveTextAsync("3 of 4 dimensions recorded. Still empty: Peer groups (the persona declares it).");
    }

    [Fact]
    public async Task ContactOnTheWorklist_SaysWhyCapturingTheMissingDimensionsMatters()
    {
        await using var session = await PanelSession.OpenAsync(fixture, "?attr.cpc_communities=");
        const string note = "Nothing recorded for communities. Only 31% of the 400 people tagged 'Revenue Rachel' have communities recorded, so each one captured sharpens what the persona is checked against.";

        await session.Page.EvaluateAsync("([rank, note]) => { window.harness.setFromForm('cpc_enrichmentrank', rank); window.harness.setFromForm('cpc_enrichmentnote', note); }", new object[] { 3, note });

        var worklist = Completeness(session).Locator(".completeness__worklist");
        await Assertions.Expect(worklist).ToHaveTextAsync("Worth enriching · #3 " + note);
        Assert.Equal("note", await worklist.GetAttributeAsync("role"));

        // Once the dimension is recorded the note goes (the next evaluation clears the rank too).
        await session.Panel.GetByLabel("Add community").FillAsync("Pavilion");
        await session.Panel.GetByLabel("Add community").PressAsync("Enter");
        await Assertions.Expect(worklist).ToHaveCountAsync(0);
        await session.ScreenshotAsync("completeness");
    }
}
