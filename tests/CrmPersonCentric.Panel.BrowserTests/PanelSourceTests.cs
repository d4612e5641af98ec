using System.Text.RegularExpressions;

namespace CrmPersonCentric.Panel.BrowserTests;

/// <summary>Static checks of the web resource files as shipped (no browser needed).</summary>
public sealed partial class PanelSourceTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "site", "cpc_", "enrichmentpanel");

    [Fact]
    public void PanelHtml_HasNoInlineScriptHandlerOrStyle_AndLoadsItsFilesRelatively()
    {
        var html = File.ReadAllText(Path.Combine(Folder, "panel.html"));

        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotMatch(InlineHandler(), html);
        Assert.DoesNotMatch(InlineStyle(), html);
        Assert.Contains("<link rel=\"stylesheet\" href=\"panel.css\">", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"panel.js\" defer></script>", html, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("panel.html")]
    [InlineData("panel.js")]
    [InlineData("panel.css")]
    [InlineData("contactform.js")]
    public void WebResource_NamesNoOtherOriginAndLogsNothing(string file)
    {
        var text = File.ReadAllText(Path.Combine(Folder, file));

        Assert.DoesNotMatch(AbsoluteUrl(), text);
        Assert.DoesNotMatch(ConsoleCall(), text);
        Assert.DoesNotMatch(NetworkApi(), text);
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();

    [GeneratedRegex(@"(\sstyle\s*=|<style)", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyle();

    [GeneratedRegex(@"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex AbsoluteUrl();

    [GeneratedRegex(@"\bconsole\s*\.", RegexOptions.None)]
    private static partial Regex ConsoleCall();

    [GeneratedRegex(@"\b(fetch|XMLHttpRequest|WebSocket|sendBeacon|EventSource)\s*\(", RegexOptions.None)]
    private static partial Regex NetworkApi();
}
