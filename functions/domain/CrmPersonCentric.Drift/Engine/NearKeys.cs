using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;
using F23.StringSimilarity;

namespace CrmPersonCentric.Drift.Engine;

/// <summary>
/// Finds the taxonomy key a candidate trait is probably a spelling of: a typo, a plural, or the same words in another
/// order. Both sides are compared word-sorted, with the normalised Levenshtein distance of F23.StringSimilarity, against
/// every phrasing of every entry of the dimension (key, label, synonyms). A taxonomy's phrasings are prepared once
/// (canonical, word-sorted) and each candidate's answer is kept with them: an evaluation asks for the same long-tail
/// phrasings persona after persona and run after run.
/// </summary>
public static class NearKeys
{
    /// <summary>At or below this distance a candidate counts as a spelling of the key (a quarter of its characters).</summary>
    public const double MaximumDistance = 0.25;

    private static readonly NormalizedLevenshtein Levenshtein = new();
    private static readonly ConditionalWeakTable<TraitTaxonomy, Prepared> PreparedTaxonomies = [];

    /// <summary>The closest entry within <see cref="MaximumDistance"/>, or null.</summary>
    public static (TaxonomyEntry Entry, double Distance)? Find(TraitTaxonomy taxonomy, TraitDimension dimension, string candidateKey)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        ArgumentNullException.ThrowIfNull(candidateKey);
        var prepared = PreparedTaxonomies.GetValue(taxonomy, t => new Prepared(t));
        return prepared.Answers.GetOrAdd((dimension, candidateKey), key => Search(prepared.Phrases[(int)key.Dimension], key.Candidate));
    }

    private static (TaxonomyEntry Entry, double Distance)? Search((TaxonomyEntry Entry, string Phrase)[] phrases, string candidateKey)
    {
        var candidate = WordSorted(candidateKey.Replace('-', ' '));
        (TaxonomyEntry Entry, double Distance)? best = null;
        foreach (var (entry, phrase) in phrases)
        {
            // The normalised distance is at least the length difference over the longer length: most phrasings are
            // ruled out without computing it.
            var longer = Math.Max(candidate.Length, phrase.Length);
            if (longer > 0 && (double)Math.Abs(candidate.Length - phrase.Length) / longer > MaximumDistance)
            {
                continue;
            }

            var distance = Levenshtein.Distance(candidate, phrase);
            if (distance <= MaximumDistance && (best is null || distance < best.Value.Distance))
            {
                best = (entry, distance);
            }
        }

        return best;
    }

    private static string WordSorted(string canonical) =>
        string.Join(' ', canonical.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));

    /// <summary>A taxonomy's phrasings per dimension, in the order they were compared before (key, label, synonyms), and the answers so far.</summary>
    private sealed class Prepared(TraitTaxonomy taxonomy)
    {
        public (TaxonomyEntry Entry, string Phrase)[][] Phrases { get; } = [.. TraitDimensions.All.Select(dimension => taxonomy.Entries
            .Where(e => e.Dimension == dimension)
            .SelectMany(e => e.Synonyms.Prepend(e.Label).Prepend(e.Key.Replace('-', ' '))
                .Select(phrase => (e, WordSorted(TraitText.StripDimensionLead(dimension, TraitText.Canonicalize(phrase))))))
            .ToArray())];

        public ConcurrentDictionary<(TraitDimension Dimension, string Candidate), (TaxonomyEntry Entry, double Distance)?> Answers { get; } = new();
    }
}
