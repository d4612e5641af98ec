using System.Text;
using System.Text.Json;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;
using CrmPersonCentric.Panel.BrowserTests.Infrastructure;

namespace CrmPersonCentric.Panel.BrowserTests;

/// <summary>The panel's JavaScript normaliser must give the keys the C# pipeline gives, or chips would lie.</summary>
public sealed class TraitNormalizationParityTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly (TraitDimension Dimension, string Text)[] KnownCases =
    [
        (TraitDimension.CoreFear, "Fear of missing quota"),
        (TraitDimension.CoreFear, " missed quota "),
        (TraitDimension.CoreFear, "MISSING QUOTA!"),
        (TraitDimension.CoreFear, "afraid of missing the number"),
        (TraitDimension.CoreFear, "fear"),
        (TraitDimension.CoreFear, "fear of"),
        (TraitDimension.CoreFear, "Fear of: the board's opinion"),
        (TraitDimension.CoreFear, "Ｆｅａｒ ｏｆ ｂｕｒｎｏｕｔ"),
        (TraitDimension.CoreFear, "don’t get promoted"),
        (TraitDimension.CoreFear, "AI taking my job"),
        (TraitDimension.CoreFear, "İstanbul office closing"),
        (TraitDimension.CoreFear, "Straße closure"),
        (TraitDimension.CoreFear, "ﬁnance freeze"),
        (TraitDimension.CoreFear, "①②③ errors"),
        (TraitDimension.CoreFear, "\uFEFFBurnout"),
        (TraitDimension.CoreFear, "Burnout\u0085"),
        (TraitDimension.CoreFear, "\u00A0Burnout\u3000"),
        (TraitDimension.CoreFear, "🔥 burnout 🔥"),
        (TraitDimension.CoreFear, "x"),
        (TraitDimension.CoreFear, "broken \uD83D surrogate"),
        (TraitDimension.CoreFear, "?!"),
        (TraitDimension.CoreFear, "   "),
        (TraitDimension.CoreFear, ""),
        (TraitDimension.Aspiration, "wants to hit quota"),
        (TraitDimension.Aspiration, "to be seen as strategic"),
        (TraitDimension.Aspiration, "Work–life balance"),
        (TraitDimension.Aspiration, "Become a recognized expert"),
        (TraitDimension.PeerGroup, "other CROs"),
        (TraitDimension.PeerGroup, "Fellow founders"),
        (TraitDimension.PeerGroup, "VP Sales"),
        (TraitDimension.Community, "member of the RevOps collective"),
        (TraitDimension.Community, "attends Pavilion"),
        (TraitDimension.Community, "CNCF"),
        (TraitDimension.Community, "Ελληνικά meetups"),
    ];

    [Fact]
    public async Task JavaScriptNormaliser_GivesTheCSharpKeyLabelAndVerdict_OnKnownPhrasings()
    {
        var mismatches = await CompareAsync(KnownCases.Append((TraitDimension.CoreFear, new string('a', 100))).Append((TraitDimension.CoreFear, new string('a', 101))));

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    [Fact]
    public async Task JavaScriptNormaliser_GivesTheCSharpResult_OnGeneratedText()
    {
        string[] pieces = ["fear of", "Fear", "to", "member of", "other", "wants to", "missing", "quota", "AI", "don't", "it’s", "‘x’", "`y`",
            "Ｑｕｏｔａ", "İ", "ı", "ſ", "ǅ", "ﬀ", "ẞ", "ß", "ﬁ", "Σ", "é", "e\u0301", "١٢", "½", "Ⅻ", "🔥", "\uD83D", "-", "_", "!", ";", "|", ".", " ", "  ", "\t", "\u00A0", "\u2009", "\uFEFF", "\u0085", "\u200B"];
        var random = new Random(20261101);
        var cases = new List<(TraitDimension, string)>();
        for (var i = 0; i < 400; i++)
        {
            var text = new StringBuilder();
            for (var n = random.Next(1, 8); n > 0; n--)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            cases.Add((TraitDimensions.All[random.Next(TraitDimensions.Count)], text.ToString()));
        }

        var mismatches = await CompareAsync(cases);

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    private async Task<IReadOnlyList<string>> CompareAsync(IEnumerable<(TraitDimension Dimension, string Text)> cases)
    {
        var list = cases.ToList();
        await using var session = await PanelSession.OpenAsync(fixture, "?mode=none", waitUntilReady: false);
        await session.Page.WaitForFunctionAsync("() => window.harness.controlType !== undefined");
        var entries = TraitTaxonomy.Default.Entries.Select(e => new { dimension = JsonId(e.Dimension), key = e.Key, label = e.Label, synonyms = e.Synonyms.ToArray() });
        // UTF-16 code units, not strings: JSON would turn a lone surrogate into U+FFFD on the way.
        var input = JsonSerializer.Serialize(new { entries, cases = list.Select(c => new { dimension = JsonId(c.Dimension), units = c.Text.Select(u => (int)u) }) });

        var output = await session.Panel.EvaluateAsync<string>(
            """
            json => {
              const { entries, cases } = JSON.parse(json);
              const t = window.harness.controlType.traits;
              const taxonomy = t.createTaxonomy(entries);
              return JSON.stringify(cases.map(c => t.normalize(taxonomy, c.dimension, String.fromCharCode(...c.units))));
            }
            """,
            input).WaitAsync(TestContext.Current.CancellationToken);

        using var results = JsonDocument.Parse(output);
        var mismatches = new List<string>();
        for (var i = 0; i < list.Count; i++)
        {
            var (dimension, text) = list[i];
            var expectedText = Expected(dimension, text);
            var actual = results.RootElement[i];
            var actualText = actual.TryGetProperty("error", out _)
                ? "error"
                : $"{actual.GetProperty("key").GetString()}|{actual.GetProperty("label").GetString()}|{actual.GetProperty("candidate").GetBoolean()}";
            if (expectedText != actualText)
            {
                mismatches.Add($"{dimension} {JsonSerializer.Serialize(text)}: C# {expectedText}, JS {actualText}");
            }
        }

        return mismatches;
    }

    private static string Expected(TraitDimension dimension, string text)
    {
        try
        {
            var trait = TraitNormalizer.Default.TryNormalize(dimension, text, "trait", out var error);
            return trait is null ? "error" : $"{trait.Key}|{trait.Label}|{trait.IsCandidate}";
        }
        catch (ArgumentException)
        {
            // String.Normalize rejects ill-formed UTF-16 (a lone surrogate): the pipeline cannot take such text either.
            return "error";
        }
    }

    private static string JsonId(TraitDimension dimension) => JsonNamingPolicy.CamelCase.ConvertName(dimension.ToString());
}
