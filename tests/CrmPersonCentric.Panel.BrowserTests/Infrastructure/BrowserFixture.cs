using Microsoft.Playwright;

namespace CrmPersonCentric.Panel.BrowserTests.Infrastructure;

/// <summary>One headless Debian Chromium and one site server per test class. Never downloads a browser.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Where CI installs Chromium (Debian package <c>chromium</c>); <c>CPC_CHROMIUM_PATH</c> overrides it.</summary>
    public const string DefaultChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private StaticSiteServer? _server;

    /// <summary>The running browser.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>The harness site.</summary>
    public StaticSiteServer Server => _server ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>The folder screenshots go to: artifacts/screenshots under the test output.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable("CPC_CHROMIUM_PATH") is { Length: > 0 } custom ? custom : DefaultChromiumPath;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {chromium}. The browser tests use the system Chromium and never download one: " +
                "install it with 'apt-get install -y chromium' (or set CPC_CHROMIUM_PATH).");
        }

        var bundle = Path.Combine(AppContext.BaseDirectory, "site", "EnrichmentPanel", "bundle.js");
        if (!File.Exists(bundle))
        {
            throw new InvalidOperationException(
                $"The built enrichment panel is missing ({bundle}): build it with './build.sh panel' (npm ci, then pcf-scripts build in solution/controls), then rebuild this project.");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Directory.CreateDirectory(ScreenshotFolder);
        _server = StaticSiteServer.Start(Path.Combine(AppContext.BaseDirectory, "site"));
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
