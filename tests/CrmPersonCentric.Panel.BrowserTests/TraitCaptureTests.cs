using CrmPersonCentric.Panel.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CrmPersonCentric.Panel.BrowserTests;

public sealed class TraitCaptureTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string SampleFears = "Fear of missing quota; AI taking my job; Vendor lock in";

    [Fact]
    public async Task AddingAFear_WritesTheFormColumnWithEveryFear()
    {
        await using var session = await PanelSession.OpenAsync(fixture);

        await session.Panel.GetByLabel("Add fear").FillAsync("  Burnout ");
        await session.Panel.Locator("[data-dimension='coreFear']").GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();

        Assert.Equal(SampleFears + "; Burnout", await session.ColumnValueAsync("cpc_corefears"));
        Assert.Equal(["cpc_corefears=" + SampleFears + "; Burnout"], await session.WritesAsync());
        await Assertions.Expect(session.Panel.GetByRole(AriaRole.Button, new() { Name = "Remove Burnout" })).ToBeVisibleAsync();
        Assert.Equal("not in persona", (await session.Chip("burnout").Locator(".chip__state").TextContentAsync())?.TrimStart(',', ' '));
        Assert.Equal(string.Empty, await session.Panel.GetByLabel("Add fear").InputValueAsync());
        Assert.Equal("4 of 20", await session.Panel.Locator("[data-dimension='coreFear'] .dimension__count").InnerTextAsync());
        await session.ScreenshotAsync("fear-added");
    }

    [Fact]
    public async Task PressingEnter_AddsTheTraitAndKeepsFocusInTheInput()
    {
        await using var session = await PanelSession.OpenAsync(fixture);
        var input = session.Panel.GetByLabel("Add aspiration");

        await input.FillAsync("Predictable forecast");
        await input.PressAsync("Enter");

        Assert.Equal("Hit quota; Leave a legacy; Predictable forecast", await session.ColumnValueAsync("cpc_aspirations"));
        Assert.Equal("matches persona", (await session.Chip("predictable-forecast").Locator(".chip__state").TextContentAsync())?.TrimStart(',', ' '));
        Assert.Equal("input:aspiration", await session.FocusedAsync());
        await Assertions.Expect(session.Panel.Locator(".cpc-panel > [role=status][aria-live=polite]")).ToHaveTextAsync("Added Predictable forecast to aspirations. Save the form to keep the change.");
    }

    [Fact]
    public async Task RemovingAChip_WritesTheColumnWithoutItAndMovesFocus()
    {
        await using var session = await PanelSession.OpenAsync(fixture);

        await session.Panel.GetByRole(AriaRole.Button, new() { Name = "Remove Vendor lock-in" }).ClickAsync();

        Assert.Equal("Fear of missing quota; AI taking my job", await session.ColumnValueAsync("cpc_corefears"));
        Assert.Equal(0, await session.Chip("vendor-lock-in").CountAsync());
        Assert.Equal("Remove Being replaced by AI", await session.FocusedAsync());
    }

    [Fact]
    public async Task RemovingTheLastTrait_ClearsTheColumn()
    {
        await using var session = await PanelSession.OpenAsync(fixture, "?attr.cpc_communities=Pavilion");

        await session.Panel.GetByRole(AriaRole.Button, new() { Name = "Remove Sales leadership network" }).ClickAsync();

        Assert.Null(await session.ColumnValueAsync("cpc_communities"));
        Assert.Equal("input:community", await session.FocusedAsync());
    }

    [Theory]
    [InlineData("tooLong", "Too long: a fear may have at most 100 characters; this one has 101.")]
    [InlineData("  MISSED QUOTA! ", "Already recorded: this fear is the same as “Missing quota”.")]
    [InlineData("worried about being replaced by AI", "Already recorded: this fear is the same as “Being replaced by AI”.")]
    [InlineData("vendor LOCK-IN", "Already recorded: this fear is the same as “Vendor lock-in”.")]
    [InlineData("   ", "Type a fear before adding.")]
    [InlineData("?!", "A fear needs at least one letter or digit.")]
    [InlineData("Burnout; Budget cuts", "Add one fear at a time: ';', '|' and line breaks separate traits.")]
    public async Task InvalidFear_ShowsWhatIsWrongAndWritesNothing(string typed, string message)
    {
        await using var session = await PanelSession.OpenAsync(fixture);
        var input = session.Panel.GetByLabel("Add fear");
        var text = typed == "tooLong" ? new string('x', 101) : typed;

        await input.FillAsync(text);
        await input.PressAsync("Enter");

        var error = session.Error("coreFear");
        await Assertions.Expect(error).ToHaveTextAsync(message);
        Assert.Equal("alert", await error.GetAttributeAsync("role"));
        Assert.Contains(await error.GetAttributeAsync("id"), (await input.GetAttributeAsync("aria-describedby"))!.Split(' '));
        Assert.Equal("true", await input.GetAttributeAsync("aria-invalid"));
        Assert.Empty(await session.WritesAsync());
        Assert.Equal(SampleFears, await session.ColumnValueAsync("cpc_corefears"));
        if (typed == "tooLong")
        {
            await session.ScreenshotAsync("invalid-too-long");
        }
    }

    [Fact]
    public async Task AHundredCharacterFear_IsAccepted()
    {
        await using var session = await PanelSession.OpenAsync(fixture);
        var hundred = new string('y', 100);

        await session.Panel.GetByLabel("Add fear").FillAsync(hundred);
        await session.Panel.GetByLabel("Add fear").PressAsync("Enter");

        Assert.Equal(SampleFears + "; " + hundred, await session.ColumnValueAsync("cpc_corefears"));
    }

    [Fact]
    public async Task TheTwentyFirstFear_IsRejected()
    {
        var twenty = string.Join("; ", Enumerable.Range(1, 20).Select(i => "fear number " + i));
        await using var session = await PanelSession.OpenAsync(fixture, "?attr.cpc_corefears=" + Uri.EscapeDataString(twenty));
        Assert.Equal("20 of 20", await session.Panel.Locator("[data-dimension='coreFear'] .dimension__count").InnerTextAsync());

        await session.Panel.GetByLabel("Add fear").FillAsync("Burnout");
        await session.Panel.GetByLabel("Add fear").PressAsync("Enter");

        await Assertions.Expect(session.Error("coreFear")).ToHaveTextAsync("At most 20 fears per person: remove one before adding another.");
        Assert.Empty(await session.WritesAsync());
    }

    [Fact]
    public async Task TheMessage_ClearsWhenTheUserTypesAgain()
    {
        await using var session = await PanelSession.OpenAsync(fixture);
        var input = session.Panel.GetByLabel("Add fear");
        await input.FillAsync("missing quota");
        await input.PressAsync("Enter");
        await Assertions.Expect(session.Error("coreFear")).Not.ToBeEmptyAsync();

        await input.PressSequentiallyAsync("!");

        await Assertions.Expect(session.Error("coreFear")).ToBeEmptyAsync();
        Assert.Null(await input.GetAttributeAsync("aria-invalid"));
    }

    [Fact]
    public async Task Autocomplete_OffersTheTaxonomyLabelsOfTheDimension()
    {
        await using var session = await PanelSession.OpenAsync(fixture);

        var listId = await session.Panel.GetByLabel("Add fear").GetAttributeAsync("list");
        var options = await session.Panel.Locator($"datalist#{listId} option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");

        Assert.Contains("Burnout", options);
        Assert.Contains("Being replaced by AI", options);
        Assert.DoesNotContain("Get promoted", options);
    }

    [Fact]
    public async Task AnEditInTheFormField_IsShownInThePanel()
    {
        await using var session = await PanelSession.OpenAsync(fixture);

        await session.Page.EvaluateAsync("() => window.harness.setFromForm('cpc_peergroups', 'CISOs; Founders')");

        await Assertions.Expect(session.Chip("cisos")).ToBeVisibleAsync();
        Assert.Equal(0, await session.Chip("sales-directors").CountAsync());
    }

    [Fact]
    public async Task AColumnTheUserCannotUpdate_DisablesItsCapture()
    {
        await using var session = await PanelSession.OpenAsync(fixture, "?readonly=cpc_corefears");

        await Assertions.Expect(session.Panel.GetByLabel("Add fear")).ToBeDisabledAsync();
        Assert.Equal(0, await session.Panel.Locator("[data-dimension='coreFear'] .chip__remove").CountAsync());
        await Assertions.Expect(session.Panel.GetByLabel("Add aspiration")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task OnAReadOnlyForm_NoTraitCanBeChanged()
    {
        await using var session = await PanelSession.OpenAsync(fixture, "?disabled=1");

        foreach (var label in new[] { "Add aspiration", "Add fear", "Add peer group", "Add community" })
        {
            await Assertions.Expect(session.Panel.GetByLabel(label)).ToBeDisabledAsync();
        }

        Assert.Equal(0, await session.Panel.Locator(".chip__remove").CountAsync());
        Assert.Equal(4, await session.Panel.GetByText("The form is read-only.").CountAsync());
        Assert.Equal(3, await session.Section("traits").Locator("[data-dimension='coreFear'] li.chip").CountAsync());
    }

    [Fact]
    public async Task APropertyBoundToNoColumn_SaysHowToBindIt_AndTheOthersStillWork()
    {
        await using var session = await PanelSession.OpenAsync(fixture, "?unbound=aspirations");

        await Assertions.Expect(session.Panel.GetByLabel("Add aspiration")).ToBeDisabledAsync();
        await Assertions.Expect(session.Panel.Locator("[data-dimension='aspiration'] .capture__help")).ToContainTextAsync("Bind the panel's Aspirations property to cpc_aspirations");
        await session.Panel.GetByLabel("Add fear").FillAsync("Burnout");
        await session.Panel.GetByLabel("Add fear").PressAsync("Enter");
        Assert.EndsWith("; Burnout", await session.ColumnValueAsync("cpc_corefears"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemovingTheLastTrait_OutputsUndefined_WhichTheFrameworkWritesAsNull()
    {
        await using var session = await PanelSession.OpenAsync(fixture, "?attr.cpc_communities=Pavilion");

        await session.Panel.GetByRole(AriaRole.Button, new() { Name = "Remove Sales leadership network" }).ClickAsync();

        Assert.Null(await session.ColumnValueAsync("cpc_communities"));
        Assert.Contains("{\"communities\":\"(undefined)\"}", await session.OutputsAsync(), StringComparison.Ordinal);
        await Assertions.Expect(session.Section("traits").Locator("[data-dimension='community'] .chips__empty")).ToHaveTextAsync("None recorded yet.");
    }

    [Fact]
    public async Task OutputsCarryOnlyTheColumnsThePanelChanged()
    {
        await using var session = await PanelSession.OpenAsync(fixture);

        await session.Panel.GetByLabel("Add peer group").FillAsync("CISOs");
        await session.Panel.GetByLabel("Add peer group").PressAsync("Enter");
        Assert.EndsWith("; CISOs", await session.ColumnValueAsync("cpc_peergroups"), StringComparison.Ordinal);

        Assert.Equal("[{\"peerGroups\":\"Heads of sales; Founders; CISOs\"}]", await session.OutputsAsync());
        Assert.Equal(["cpc_peergroups=Heads of sales; Founders; CISOs"], await session.WritesAsync());
    }

    [Fact]
    public async Task AValueTheFormRewrites_IsShownAsTheFormHasIt()
    {
        await using var session = await PanelSession.OpenAsync(fixture, "?rewrite=cpc_corefears");

        await session.Panel.GetByLabel("Add fear").FillAsync("Burnout");
        await session.Panel.GetByLabel("Add fear").PressAsync("Enter");

        await Assertions.Expect(session.Chip("burnout-checked")).ToBeVisibleAsync();
        Assert.Equal(0, await session.Chip("burnout").CountAsync());
        Assert.Equal(SampleFears + "; Burnout (checked)", await session.ColumnValueAsync("cpc_corefears"));
    }
}
