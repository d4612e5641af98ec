using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;
using F23.StringSimilarity;

namespace CrmPersonCentric.Drift.Engine;

/// <summary>
/// Finds the taxonomy key a candidate trait is probably a spelling of: a typo, a plural, or the same words in another
/// order. Both sides are compared word-sorted, with the normalised Levenshtein distance of F23.StringSimilarity, against
/// every phrasing of every entry of the dimension (key, label, synonyms).
/// </summary>
public static class NearKeys
{
    /// <summary>At or below this distance a candidate counts as a spelling of the key (a quarter of its characters).</summary>
    public const double MaximumDistance = 0.25;

    private static readonly NormalizedLevenshtein Levenshtein = new();

    /// <summary>The closest entry within <see cref="MaximumDistance"/>, or null.</summary>
    public static (TaxonomyEntry Entry, double Distance)? Find(TraitTaxonomy taxonomy, TraitDimension dimension, string candidateKey)
    {
        var candidate = WordSorted(candidateKey.Replace('-', ' '));
        (TaxonomyEntry Entry, double Distance)? best = null;
        foreach (var entry in taxonomy.Entries)
        {
            if (entry.Dimension != dimension)
            {
                continue;
            }

            foreach (var phrase in entry.Synonyms.Prepend(entry.Label).Prepend(entry.Key.Replace('-', ' ')))
            {
                var distance = Levenshtein.Distance(candidate, WordSorted(TraitText.StripDimensionLead(dimension, TraitText.Canonicalize(phrase))));
                if (distance <= MaximumDistance && (best is null || distance < best.Value.Distance))
                {
                    best = (entry, distance);
                }
            }
        }

        return best;
    }

    private static string WordSorted(string canonical) =>
        string.Join(' ', canonical.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
}
