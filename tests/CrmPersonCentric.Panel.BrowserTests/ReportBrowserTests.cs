using System.Globalization;
using CrmPersonCentric.Cli;
using CrmPersonCentric.Panel.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CrmPersonCentric.Panel.BrowserTests;

/// <summary>The shipped sample's reports (three runs, so what changed and the trends are drawn), its index and e-mail digests, in Chromium at a phone's 390 px and a desktop's 1280 px.</summary>
public sealed class ReportBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private static readonly (int Width, int Height)[] Screens = [(390, 844), (1280, 800)];
    private readonly string _out = Path.Combine(Path.GetTempPath(), "cpc-reports-" + Guid.NewGuid().ToString("N"));

    public async ValueTask InitializeAsync()
    {
        var data = RepositoryRoot.Combine("samples", "northwind");
        foreach (var asOf in new[] { "2026-10-18", "2026-10-25", "2026-11-01" })
        {
            await EvaluationRunner.RunAsync(new EvaluateRequest(data, _out, DateTimeOffset.Parse(asOf, CultureInfo.InvariantCulture)), cancellationToken: TestContext.Current.CancellationToken);
        }
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_out, recursive: true);
        return ValueTask.CompletedTask;
    }

    private IEnumerable<string> Pages(string pattern) => Directory.GetFiles(_out, pattern).Order(StringComparer.Ordinal);

    private static async Task<IPage> OpenAsync(IBrowserContext context, string file)
    {
        var page = await context.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, r) => requests.Add(r.Url);
        await page.GotoAsync(new Uri(file).AbsoluteUri);
        Assert.All(requests, url => Assert.StartsWith("file://", url, StringComparison.Ordinal));
        return page;
    }

    [Fact]
    public async Task Reports_index_and_digests_never_scroll_sideways_and_open_with_the_actions_at_both_widths()
    {
        var sizes = new List<string>();
        foreach (var (width, height) in Screens)
        {
            await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
            foreach (var file in Pages("*.html"))
            {
                var page = await OpenAsync(context, file);
                var name = Path.GetFileNameWithoutExtension(file);
                var overflow = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
                Assert.True(overflow[0] <= overflow[1], $"{name} at {width} px is {overflow[0]} px wide.");
                var widest = await page.EvaluateAsync<double>("() => Math.max(...[...document.querySelectorAll('body *')].filter(e => e.getClientRects().length).map(e => e.getBoundingClientRect().right))");
                Assert.True(widest <= width + 0.5, $"In {name} at {width} px an element reaches {widest} px.");

                // The first screen holds the first actions: the heading and the first action's end above the fold.
                var actionsEnd = await page.EvaluateAsync<double>(name.StartsWith("digest-", StringComparison.Ordinal)
                    ? "() => { const t = [...document.querySelectorAll('table table table')]; return t.length ? t[0].getBoundingClientRect().bottom : 0; }"
                    : "() => { const a = document.querySelector('ol.actions li') ?? document.querySelector('#this-week + p'); return a.getBoundingClientRect().bottom; }");
                Assert.True(actionsEnd > 0 && actionsEnd <= height, $"In {name} at {width}x{height} the first action ends at {actionsEnd} px.");
                var lastEnd = await page.EvaluateAsync<double>(name.StartsWith("digest-", StringComparison.Ordinal)
                    ? "() => { const t = [...document.querySelectorAll('table table table')]; return t.length ? t[t.length - 1].getBoundingClientRect().bottom : 0; }"
                    : "() => { const a = [...document.querySelectorAll('ol.actions li')]; return a.length ? a[a.length - 1].getBoundingClientRect().bottom : 0; }");
                Assert.True(lastEnd <= height, $"In {name} at {width}x{height} the top actions end at {lastEnd} px, below the first screen.");
                var total = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollHeight");
                sizes.Add(string.Create(CultureInfo.InvariantCulture, $"{name} at {width}x{height}: first action ends at {actionsEnd:0} px, the last of the top actions at {lastEnd:0} px; page {total} px tall"));
                await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{name}-{width}.png"), FullPage = false });
                await page.CloseAsync();
            }
        }

        await File.WriteAllLinesAsync(Path.Combine(BrowserFixture.ScreenshotFolder, "report-first-screens.txt"), sizes, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Every_chart_has_axes_with_labels_and_a_legend_and_the_figures_are_collapsed()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        foreach (var file in Pages("report-*.html"))
        {
            var page = await OpenAsync(context, file);
            // The context charts are folded under the drifting ones: unfold them as a reader would.
            await page.EvaluateAsync("() => document.querySelectorAll('details.more-trends').forEach(d => { d.open = true; })");
            var charts = await page.EvaluateAsync<string[][]>(
                "() => [...document.querySelectorAll('figure')].map(f => [...f.querySelectorAll('svg.chart text')].map(t => t.textContent).concat([f.querySelector('.legend')?.textContent ?? '', String(Math.round(f.querySelector('svg').getBoundingClientRect().width))]))");
            Assert.NotEmpty(charts);
            Assert.All(charts, texts =>
            {
                Assert.Contains("Run (data as of)", texts);
                Assert.Contains(texts, t => t is "0%" or "0.00");
                Assert.Contains(texts, t => t.EndsWith("Oct", StringComparison.Ordinal) || t.EndsWith("Nov", StringComparison.Ordinal));
                Assert.NotEqual(string.Empty, texts[^2].Trim());
                Assert.InRange(int.Parse(texts[^1], CultureInfo.InvariantCulture), 250, 390);
            });
            var open = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('details.figures')].filter(d => d.open).length");
            Assert.Equal(0, open);
            await page.CloseAsync();
        }
    }
}
