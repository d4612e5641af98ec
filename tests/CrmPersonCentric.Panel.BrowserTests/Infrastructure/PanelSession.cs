using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace CrmPersonCentric.Panel.BrowserTests.Infrastructure;

/// <summary>
/// One browser context on the harness page: the component in the stand-in form, the form's recorded column values, and
/// every request and console message the page made.
/// </summary>
public sealed class PanelSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private PanelSession(IBrowserContext context, IPage page, Uri baseAddress)
    {
        _context = context;
        Page = page;
        BaseAddress = baseAddress;
        page.Request += (_, request) => RequestUrls.Enqueue(request.Url);
        page.Console += (_, message) => ConsoleMessages.Enqueue(message.Type + ": " + message.Text + " (" + message.Location + ")");
        page.PageError += (_, error) => PageErrors.Enqueue(error);
    }

    /// <summary>The harness page.</summary>
    public IPage Page { get; }

    /// <summary>Where the panel runs: a code component renders into the form page itself (no frame of its own).</summary>
    public IFrame Panel => Page.MainFrame;

    /// <summary>The site's address.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Every URL the page or its frames requested.</summary>
    public ConcurrentQueue<string> RequestUrls { get; } = new();

    /// <summary>Every console message (type: text).</summary>
    public ConcurrentQueue<string> ConsoleMessages { get; } = new();

    /// <summary>Uncaught script errors.</summary>
    public ConcurrentQueue<string> PageErrors { get; } = new();

    /// <summary>
    /// Opens the harness with the query (see harness.js) and, unless told not to, waits until the panel has loaded and
    /// unfolds every section and capture form (as a user who opened them); <paramref name="expand"/> false keeps the panel as it opens.
    /// </summary>
    public static async Task<PanelSession> OpenAsync(BrowserFixture fixture, string query = "", int width = 420, int height = 900, bool waitUntilReady = true, bool expand = true)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "en-GB", TimezoneId = "UTC" });
        context.SetDefaultTimeout(10_000);
        var page = await context.NewPageAsync();
        var session = new PanelSession(context, page, fixture.Server.BaseAddress);
        await page.GotoAsync(new Uri(fixture.Server.BaseAddress, "harness.html" + query).ToString());
        if (waitUntilReady)
        {
            await session.WaitUntilReadyAsync();
            if (expand)
            {
                await session.ExpandAsync();
            }
        }

        return session;
    }

    /// <summary>Unfolds every section and capture form of the panel (the toggle events fire, so the panel keeps them open).</summary>
    public Task ExpandAsync() => Panel.EvaluateAsync(@"() => {
        document.querySelectorAll('.cpc-panel button.card__toggle[aria-expanded=false]').forEach(b => b.click());
        document.querySelectorAll('.cpc-panel details.opportunities').forEach(d => { d.open = true; });
        document.querySelectorAll('.cpc-panel button.capture__toggle[aria-expanded=false]').forEach(b => b.click());
        document.activeElement?.blur();
    }");

    /// <summary>Waits until every section of the panel has rendered its data or its error.</summary>
    public Task WaitUntilReadyAsync() =>
        Panel.Locator(".cpc-panel[aria-busy='false']").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>The value the fake form holds for a column.</summary>
    /// <remarks>Outputs reach the form a moment after notifyOutputChanged, as on the platform: this waits for them first.</remarks>
    public Task<string?> ColumnValueAsync(string column) => Page.EvaluateAsync<string?>("async c => { await new Promise(r => setTimeout(r, 0)); return window.harness.value(c); }", column);

    /// <summary>Every setValue call the panel made, as "column=value".</summary>
    public async Task<IReadOnlyList<string>> WritesAsync()
    {
        var json = await Page.EvaluateAsync<string>("async () => { await new Promise(r => setTimeout(r, 0)); return JSON.stringify(window.harness.writes); }");
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(w => w.GetProperty("name").GetString() + "=" + w.GetProperty("value"))];
    }

    /// <summary>The Web API calls the panel made, as "method table options".</summary>
    public async Task<IReadOnlyList<string>> WebApiCallsAsync()
    {
        var json = await Page.EvaluateAsync<string>("() => JSON.stringify(window.harness.calls)");
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(c =>
            c.GetProperty("method").GetString() + " " + c.GetProperty("table").GetString() + " " +
            (c.TryGetProperty("id", out var id) ? id.GetString() + " " : string.Empty) + c.GetProperty("options").GetString())];
    }

    /// <summary>Every getOutputs answer the panel gave, as JSON (an undefined value shows as "(undefined)").</summary>
    public Task<string> OutputsAsync() => Page.EvaluateAsync<string>("() => JSON.stringify(window.harness.outputs)");

    /// <summary>What has the focus: "input:dimension" for a capture input, else its accessible label or text.</summary>
    public Task<string> FocusedAsync() => Panel.EvaluateAsync<string>(
        "() => { const a = document.activeElement; return a.dataset.dimensionInput ? 'input:' + a.dataset.dimensionInput : (a.getAttribute('aria-label') || a.textContent || a.tagName); }");

    /// <summary>The capture input of a dimension (aspiration, coreFear, peerGroup, community).</summary>
    public ILocator Input(string dimension) => Panel.Locator($"input[data-dimension-input='{dimension}']");

    /// <summary>The capture error of a dimension.</summary>
    public ILocator Error(string dimension) => Panel.Locator($"[data-dimension='{dimension}'] .capture__error");

    /// <summary>The panel's section body (data-section attribute).</summary>
    public ILocator Section(string name) => Panel.Locator($"[data-section='{name}']");

    /// <summary>The chip of a trait key.</summary>
    public ILocator Chip(string key) => Panel.Locator($"li.chip[data-key='{key}']");

    /// <summary>Saves a full-page screenshot to artifacts/screenshots/<paramref name="name"/>.png.</summary>
    public async Task ScreenshotAsync(string name)
    {
        var path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png");
        await Page.ScreenshotAsync(new() { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        Assert.True(new FileInfo(path).Length > 0, $"The screenshot {path} is empty.");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
