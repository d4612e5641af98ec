using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Import.Sample;

/// <summary>
/// The long tail of free text: phrasings sales users type that the taxonomy does not know, each one rare (drawn from
/// a few thousand combinations per dimension), and one in five a typo of a known trait (the kind a near-spelling
/// suggestion should catch). Keys come out normalised, as the pipeline would store them.
/// </summary>
internal sealed class LongTail(Random random)
{
    private static readonly string[] Qualities = ["quiet", "sudden", "endless", "hidden", "shared", "slow", "public", "small", "second", "local", "early", "long", "remote", "team", "yearly"];

    private static readonly string[][] Things =
    [
        ["sabbatical", "garden", "podcast", "fellowship", "portfolio", "startup", "degree", "mentorship", "keynote", "rebrand", "patent", "charity", "expansion", "handover", "offsite"],
        ["audit", "layoff", "merger", "outage", "lawsuit", "churn", "backlog", "escalation", "recall", "breach", "delay", "review", "freeze", "takeover", "slump"],
        ["cohort", "roundtable", "guild", "circle", "council", "forum", "crew", "club", "panel", "network", "board", "squad", "alliance", "chapter", "league"],
        ["meetup", "hackathon", "summit", "workshop", "webinar", "retreat", "bootcamp", "fair", "slack", "discord", "forum", "expo", "conference", "salon", "festival"],
    ];

    private readonly Random _random = random;

    /// <summary>A rare key of the dimension.</summary>
    public string Next(TraitDimension dimension)
    {
        string phrase;
        if (_random.NextDouble() < 0.2 && Typo(dimension) is { } typo)
        {
            phrase = typo;
        }
        else
        {
            var things = Things[(int)dimension];
            phrase = Qualities[_random.Next(Qualities.Length)] + " " + things[_random.Next(things.Length)] + " " + things[_random.Next(things.Length)];
        }

        return TraitText.ToKey(TraitText.StripDimensionLead(dimension, TraitText.Canonicalize(phrase)));
    }

    /// <summary>A known label with two neighbouring letters swapped (or one dropped).</summary>
    private string? Typo(TraitDimension dimension)
    {
        var entries = TraitTaxonomy.Default.Entries.Where(e => e.Dimension == dimension && e.Label.Length >= 6).ToArray();
        if (entries.Length == 0)
        {
            return null;
        }

        var label = entries[_random.Next(entries.Length)].Label;
        var at = 1 + _random.Next(label.Length - 3);
        return _random.NextDouble() < 0.5
            ? string.Concat(label.AsSpan(0, at), label.AsSpan(at + 1, 1), label.AsSpan(at, 1), label.AsSpan(at + 2))
            : string.Concat(label.AsSpan(0, at), label.AsSpan(at + 1));
    }
}
