using System.Text;

namespace CrmPersonCentric.Lake.Tests;

/// <summary><see cref="Utf8Memo{T}"/>: each distinct text's meaning worked out once, found again from its bytes, never confused with another text.</summary>
public sealed class Utf8MemoTests
{
    [Fact]
    public void EachDistinctText_IsWorkedOutOnce_AndFoundAgainFromItsBytes()
    {
        var calls = new List<string>();
        var memo = new Utf8Memo<string>(text =>
        {
            calls.Add(text);
            return "meaning of " + text;
        });

        // Thousands of texts (the table grows several times), empty, non-ASCII, long, and texts that share prefixes.
        var texts = Enumerable.Range(0, 3000).Select(i => i % 7 == 0 ? $"Vertrauen über Kollegen {i}" : $"t{i}")
            .Concat([string.Empty, "é", "e\u0301", new string('x', 5000), "t1", "t10", "t100"])
            .ToList();
        var random = new Random(20261207);
        var reads = Enumerable.Range(0, 20_000).Select(_ => texts[random.Next(texts.Count)]).Concat(texts).ToList();

        foreach (var text in reads)
        {
            Assert.Equal("meaning of " + text, memo.Get(Encoding.UTF8.GetBytes(text)));
        }

        Assert.Equal(texts.Distinct(StringComparer.Ordinal).Count(), memo.Count);
        Assert.Equal(calls.Count, calls.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(memo.Count, calls.Count);
    }

    [Fact]
    public void TextsThatDifferInOneByte_AreDifferentTexts()
    {
        var memo = new Utf8Memo<int>(text => text.Length * 1000 + text[^1]);
        var a = memo.Get("peer-referral-a"u8);
        var b = memo.Get("peer-referral-b"u8);
        Assert.NotEqual(a, b);
        Assert.Equal(a, memo.Get("peer-referral-a"u8));
        Assert.Equal(2, memo.Count);
    }
}
