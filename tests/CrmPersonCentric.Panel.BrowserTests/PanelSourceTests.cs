using System.Text.RegularExpressions;

namespace CrmPersonCentric.Panel.BrowserTests;

/// <summary>Static checks of the code component's sources and of the built bundle (no browser needed).</summary>
public sealed partial class PanelSourceTests
{
    private static readonly string Sources = Path.Combine(AppContext.BaseDirectory, "source");

    private static readonly string Built = Path.Combine(AppContext.BaseDirectory, "site", "EnrichmentPanel");

    public static TheoryData<string> SourceFiles() => [.. Directory.GetFiles(Sources).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(SourceFiles))]
    public void Source_NamesNoOtherOrigin_LogsNothing_AndTalksOnlyThroughTheFramework(string file)
    {
        var text = File.ReadAllText(Path.Combine(Sources, file));

        Assert.DoesNotMatch(AbsoluteUrl(), text);
        Assert.DoesNotMatch(ConsoleCall(), text);
        Assert.DoesNotMatch(NetworkApi(), text);
        Assert.DoesNotMatch(UnsupportedClientApi(), text);
        Assert.DoesNotMatch(MarkupSink(), text);
    }

    [Theory]
    [InlineData("bundle.js")]
    [InlineData("css/EnrichmentPanel.css")]
    public void BuiltFile_LogsNothing_AndMakesNoRequestOfItsOwn(string file)
    {
        var text = File.ReadAllText(Path.Combine(Built, file));

        Assert.DoesNotMatch(ConsoleCall(), text);
        Assert.DoesNotMatch(NetworkApi(), text);
        Assert.DoesNotMatch(MarkupSink(), text);
    }

    [Fact]
    public void Css_ReachesOnlyThePanel()
    {
        var css = CssComment().Replace(File.ReadAllText(Path.Combine(Built, "css", "EnrichmentPanel.css")), string.Empty);
        var selectors = RuleSelectors().Matches(css).Select(m => m.Groups[1].Value)
            .Where(s => !s.TrimStart().StartsWith('@') && s.Trim() is not ("from" or "to"))
            .SelectMany(s => s.Split(','))
            .Select(s => s.Trim())
            .ToList();

        Assert.NotEmpty(selectors);
        Assert.All(selectors, s => Assert.Matches(@"^\.cpc-panel(\s|$|:|\.|\[)", s));
        Assert.DoesNotMatch(@"@keyframes\s+(?!cpc-panel-)", css);
    }

    [GeneratedRegex(@"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex AbsoluteUrl();

    [GeneratedRegex(@"\bconsole\s*\.", RegexOptions.None)]
    private static partial Regex ConsoleCall();

    [GeneratedRegex(@"\b(fetch|XMLHttpRequest|WebSocket|sendBeacon|EventSource)\s*\(", RegexOptions.None)]
    private static partial Regex NetworkApi();

    /// <summary>Form scripting from inside a component (unsupported): the parent window, Xrm, the form's DOM.</summary>
    [GeneratedRegex(@"\b(Xrm|parent\.|window\.top|top\.document|getElementById\(\s*[""']crmForm)", RegexOptions.None)]
    private static partial Regex UnsupportedClientApi();

    /// <summary>Ways to inject markup; the panel renders every value as text.</summary>
    [GeneratedRegex(@"\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write)\b", RegexOptions.None)]
    private static partial Regex MarkupSink();

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex CssComment();

    /// <summary>Selector lists before a declaration block (top level and inside @media).</summary>
    [GeneratedRegex(@"([^{}]+)\{", RegexOptions.None)]
    private static partial Regex RuleSelectors();
}
