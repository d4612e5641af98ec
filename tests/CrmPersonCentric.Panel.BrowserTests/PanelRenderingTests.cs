using CrmPersonCentric.Panel.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CrmPersonCentric.Panel.BrowserTests;

public sealed class PanelRenderingTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Panel_WithSampleContact_ShowsPersonaVersionAndFit()
    {
        await using var session = await PanelSession.OpenAsync(fixture);

        var persona = session.Section("persona");
        Assert.Contains("Revenue Rachel", await persona.Locator(".persona-name").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("v3", await persona.Locator(".persona-version").InnerTextAsync());
        var meter = persona.Locator("meter");
        Assert.Equal("0.72", await meter.GetAttributeAsync("value"));
        Assert.Equal("0.72, strong fit", await meter.GetAttributeAsync("aria-valuetext"));
        var label = persona.Locator("label.fit__label");
        Assert.Equal("Fit", await label.InnerTextAsync());
        Assert.Equal(await meter.GetAttributeAsync("id"), await label.GetAttributeAsync("for"));
        Assert.Equal("0.72", await persona.Locator(".fit__value").InnerTextAsync());
        Assert.Contains("28 Oct 2026", await persona.Locator(".meta").InnerTextAsync(), StringComparison.Ordinal);
        await session.ScreenshotAsync("rendered");
    }

    [Theory]
    [InlineData("missing-quota", "Missing quota", "matches persona", "chip--match")]
    [InlineData("being-replaced-by-ai", "Being replaced by AI", "emerging across this persona", "chip--emerging")]
    [InlineData("vendor-lock-in", "Vendor lock-in", "not in persona", "chip--outside")]
    [InlineData("hit-the-number", "Hit the number", "matches persona", "chip--match")]
    [InlineData("leave-a-legacy", "Leave a legacy", "not in persona", "chip--outside")]
    [InlineData("sales-directors", "Sales directors", "matches persona", "chip--match")]
    [InlineData("sales-leadership-network", "Sales leadership network", "matches persona", "chip--match")]
    [InlineData("local-meetups", "Local meetups", "not in persona", "chip--outside")]
    public async Task Chips_ShowTheirStateAsText(string key, string label, string state, string cssClass)
    {
        await using var session = await PanelSession.OpenAsync(fixture);

        var chip = session.Chip(key);
        Assert.Equal(label, await chip.Locator(".chip__label").InnerTextAsync());
        Assert.Equal(state, (await chip.Locator(".chip__state").TextContentAsync())?.TrimStart(',', ' '));
        Assert.Contains(cssClass, await chip.GetAttributeAsync("class") ?? string.Empty, StringComparison.Ordinal);
        await Assertions.Expect(chip.GetByRole(AriaRole.Button, new() { Name = "Remove " + label })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Ladder_HighlightsTheLayersThePersonaReaches_AndShowsThePersonsDesire()
    {
        await using var session = await PanelSession.OpenAsync(fixture);

        var rungs = session.Section("ladder").Locator("ol.ladder > li");
        Assert.Equal(4, await rungs.CountAsync());
        string[] titles = ["Corporate vision", "Department mission", "Job-role KRA", "Deep personal desire"];
        for (var i = 0; i < 4; i++)
        {
            var rung = rungs.Nth(i);
            Assert.Contains(titles[i], await rung.Locator(".rung__title").InnerTextAsync(), StringComparison.Ordinal);
            var reached = i < 2;
            Assert.Equal(reached, (await rung.GetAttributeAsync("class"))!.Contains("rung--reached", StringComparison.Ordinal));
            Assert.Equal(
                reached ? "Persona messaging reaches this layer" : "Persona messaging does not reach this layer",
                (await rung.Locator(".rung__state").TextContentAsync())?[2..]);
        }

        Assert.Contains("Forecast accuracy within 5%", await rungs.Nth(2).InnerTextAsync(), StringComparison.Ordinal);
        var desire = await rungs.Nth(3).InnerTextAsync();
        Assert.Contains("Be home for dinner", desire, StringComparison.Ordinal);
        Assert.DoesNotContain("Be trusted by the board", desire, StringComparison.Ordinal);
        Assert.Contains("At stake: A second missed quarter", desire, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DriftSignalsAndTrust_AreListedWithReadableLabels()
    {
        await using var session = await PanelSession.OpenAsync(fixture);

        var alerts = session.Section("drift").Locator("li.alert");
        Assert.Equal(3, await alerts.CountAsync());
        // The most severe first (the Web API's order is not trusted).
        Assert.Equal("Critical", await alerts.Nth(0).Locator(".alert__severity").InnerTextAsync());
        Assert.Equal("Stale trait", await alerts.Nth(0).Locator(".alert__metric").InnerTextAsync());
        Assert.Equal("Warning", await alerts.Nth(1).Locator(".alert__severity").InnerTextAsync());
        Assert.Equal("Emerging trait", await alerts.Nth(1).Locator(".alert__metric").InnerTextAsync());
        Assert.Equal("Info", await alerts.Nth(2).Locator(".alert__severity").InnerTextAsync());

        var signals = session.Section("signals").Locator("li.signal");
        Assert.Equal(3, await signals.CountAsync());
        Assert.Equal("Messaging response", await signals.Nth(0).Locator(".signal__type").InnerTextAsync());
        Assert.Equal("Forecast confidence · layer 4", await signals.Nth(0).Locator(".signal__text").InnerTextAsync());
        Assert.Equal("Referral", await signals.Nth(1).Locator(".signal__type").InnerTextAsync());
        Assert.Equal("27 Oct 2026", await signals.Nth(0).Locator("time").InnerTextAsync());
        Assert.Equal(new[] { "Marketing", "Sales", "Events" }, await signals.Locator(".signal__source").AllInnerTextsAsync());
        Assert.Equal("Touched by 3 functions: Marketing, Sales, Events.", await session.Section("signals").Locator(".journey__summary").InnerTextAsync());

        var trusted = await session.Section("trust").Locator(".trust__item--yes").AllTextContentsAsync();
        Assert.Equal(new[] { "✓Peer referral: yes", "✓Community: yes" }, trusted);
        Assert.Equal(4, await session.Section("trust").Locator(".trust__item").CountAsync());
    }

    [Fact]
    public async Task Panel_QueriesWebApiWithBareLowerCaseIds()
    {
        await using var session = await PanelSession.OpenAsync(fixture);

        var calls = await session.WebApiCallsAsync();

        Assert.Contains("retrieveRecord cpc_persona 3a2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d ?$select=cpc_name,cpc_version,cpc_corporatevision,cpc_departmentmission,cpc_jobrolekra,cpc_deeppersonaldesire,cpc_reachedlayer,cpc_declaredtraits", calls);
        Assert.Contains("retrieveMultipleRecords cpc_driftfinding ?$select=cpc_key,cpc_metric,cpc_subject,cpc_severity,cpc_headline,cpc_rationale,cpc_findingkind,createdon&$filter=_cpc_personaid_value eq 3a2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d and cpc_findingstatus eq 742300001&$orderby=cpc_severity desc,createdon desc&$top=50", calls);
        Assert.Contains("retrieveMultipleRecords cpc_behavioursignal ?$select=cpc_type,cpc_occurredon,cpc_theme,cpc_layer,cpc_source&$filter=_cpc_contactid_value eq 8f1c2a3b-4d5e-4f60-8172-93a4b5c6d7e8&$orderby=cpc_occurredon desc&$top=20", calls);
        Assert.Contains("retrieveMultipleRecords cpc_traittaxonomy ?$select=cpc_dimension,cpc_key,cpc_label,cpc_synonyms&$filter=statecode eq 0&$orderby=cpc_key asc", calls);
        Assert.Equal(4, calls.Count);
    }

    [Fact]
    public async Task Panel_WithoutPersona_SaysSoAndDoesNotQueryPersonaTables()
    {
        await using var session = await PanelSession.OpenAsync(fixture, "?persona=none");

        Assert.Equal("No persona assigned yet", await session.Section("persona").Locator(".persona-name").InnerTextAsync());
        Assert.Equal("No persona assigned.", await session.Section("drift").InnerTextAsync());
        Assert.Equal(0, await session.Panel.Locator(".chip__state").CountAsync());
        var fears = session.Section("traits").Locator("[data-dimension='coreFear'] li.chip");
        Assert.Equal(3, await fears.CountAsync());
        Assert.Equal(["chip"], (await fears.EvaluateAllAsync<string[]>("cs => cs.map(c => c.className)")).Distinct());
        Assert.DoesNotContain(await session.WebApiCallsAsync(), c => c.Contains("cpc_persona", StringComparison.Ordinal) || c.Contains("cpc_driftfinding", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Panel_WhileLoading_ReservesSpaceWithFixedHeightSkeletons()
    {
        await using var session = await PanelSession.OpenAsync(fixture, "?delay=hold", waitUntilReady: false);
        await session.Panel.Locator(".skeleton").First.WaitForAsync();
        const string tops = "() => [...document.querySelectorAll('section.card')].map(s => Math.round(s.getBoundingClientRect().top))";

        Assert.Equal("true", await session.Panel.Locator(".cpc-panel").GetAttributeAsync("aria-busy"));
        // The sections that open unfolded keep their space; the folded ones (ladder, trust, journey) take none.
        var heights = await session.Panel.EvaluateAsync<double[]>(
            "() => ['persona','drift','traits'].map(s => document.querySelector(`[data-section='${s}']`).getBoundingClientRect().height)");
        Assert.Equal(new double[] { 116, 244, 548 }, heights);
        var folded = await session.Panel.EvaluateAsync<bool[]>(
            "() => ['ladder','trust','signals'].map(s => document.querySelector(`[data-section='${s}']`).checkVisibility())");
        Assert.Equal([false, false, false], folded);
        await session.ScreenshotAsync("loading");
        var loadingTops = await session.Panel.EvaluateAsync<int[]>(tops);

        await session.Page.EvaluateAsync("() => window.harness.release()");
        await session.WaitUntilReadyAsync();

        var loadedTops = await session.Panel.EvaluateAsync<int[]>(tops);
        var moves = loadingTops.Zip(loadedTops, (before, after) => Math.Abs(after - before)).ToArray();
        Assert.True(moves.All(m => m <= 48), "No section should move more than a line when data arrives: " + string.Join(", ", moves) + " (loaded: " + string.Join(", ", await session.Panel.EvaluateAsync<double[]>("() => ['persona','drift','traits'].map(s => document.querySelector(`[data-section='${s}']`).getBoundingClientRect().height)")) + ")");
    }

    [Fact]
    public async Task AnotherPersonaChosenOnTheForm_ReloadsPersonaFindingsAndChips()
    {
        await using var session = await PanelSession.OpenAsync(fixture);

        await session.Page.EvaluateAsync("() => window.harness.assignPersona(window.harness.personaIds.other, 'Founder Fred')");
        await session.WaitUntilReadyAsync();

        await Assertions.Expect(session.Section("persona").Locator(".persona-name")).ToContainTextAsync("Founder Fred");
        Assert.Equal("No open alerts for this persona.", await session.Section("drift").InnerTextAsync());
        Assert.Equal(4, await session.Section("ladder").Locator(".rung--reached").CountAsync());
        Assert.Equal("not in persona", (await session.Chip("missing-quota").Locator(".chip__state").TextContentAsync())?.TrimStart(',', ' '));
        Assert.Contains(await session.WebApiCallsAsync(), c => c.StartsWith("retrieveRecord cpc_persona 0d1c2b3a-8f9e-4b7a-9d6c-0f4e5a3b2c1d ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PersonaRemovedOnTheForm_ClearsWhatDependedOnIt()
    {
        await using var session = await PanelSession.OpenAsync(fixture);

        await session.Page.EvaluateAsync("() => window.harness.assignPersona(null)");
        await session.WaitUntilReadyAsync();

        await Assertions.Expect(session.Section("persona").Locator(".persona-name")).ToHaveTextAsync("No persona assigned yet");
        Assert.Equal("No persona assigned.", await session.Section("drift").InnerTextAsync());
        Assert.Equal(0, await session.Panel.Locator(".chip__state").CountAsync());
    }

    [Fact]
    public async Task AnUnsavedContact_AsksForASaveBeforeSignals_AndDoesNotQueryThem()
    {
        await using var session = await PanelSession.OpenAsync(fixture, "?new=1");

        Assert.Equal("Save the contact to record signals.", await session.Section("signals").InnerTextAsync());
        Assert.DoesNotContain(await session.WebApiCallsAsync(), c => c.Contains("cpc_behavioursignal", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARecalculatedFitOnTheForm_UpdatesTheMeterWithoutReloading()
    {
        await using var session = await PanelSession.OpenAsync(fixture);
        var before = (await session.WebApiCallsAsync()).Count;

        await session.Page.EvaluateAsync("() => window.harness.setFromForm('cpc_personafit', 0.2)");

        await Assertions.Expect(session.Section("persona").Locator(".fit__value")).ToHaveTextAsync("0.20");
        Assert.Equal("0.20, poor fit", await session.Section("persona").Locator("meter").GetAttributeAsync("aria-valuetext"));
        Assert.Equal(before, (await session.WebApiCallsAsync()).Count);
    }

    [Fact]
    public async Task Destroy_RemovesThePanel_AndAnswersArrivingLaterRenderNothing()
    {
        await using var session = await PanelSession.OpenAsync(fixture, "?delay=hold", waitUntilReady: false);
        await session.Panel.Locator(".skeleton").First.WaitForAsync();

        await session.Page.EvaluateAsync("() => { window.harness.destroy(); window.harness.release(); }");
        await session.Page.WaitForTimeoutAsync(200);

        Assert.Equal(0, await session.Panel.Locator(".cpc-panel").CountAsync());
        Assert.Empty(session.PageErrors);
    }

    [Fact]
    public async Task Bundle_RegistersTheComponentUnderItsManifestName()
    {
        await using var session = await PanelSession.OpenAsync(fixture, "?mode=none", waitUntilReady: false);
        await session.Page.WaitForFunctionAsync("() => window.harness.controlType !== undefined");

        Assert.True(await session.Page.EvaluateAsync<bool>("() => typeof window.harness.controlType === 'function' && typeof window.harness.controlType.traits.normalize === 'function'"));
        Assert.Equal(0, await session.Panel.Locator(".cpc-panel").CountAsync());
        // The platform registers it; nothing of the panel's own is left on window (pcf-scripts' wrapper declares names it leaves undefined).
        Assert.True(await session.Page.EvaluateAsync<bool>("() => window.CpcEnrichmentPanel === undefined && window.CrmPersonCentric === undefined"));
    }
}
