using System.Collections.Immutable;
using System.Globalization;

namespace CrmPersonCentric.Model.Taxonomy;

/// <summary>
/// Turns what sales users type into stable trait keys per dimension. Known phrasings map to the taxonomy's
/// key; unknown ones are kept as candidate traits, because emerging traits are what drift must surface.
/// </summary>
/// <param name="taxonomy">The known traits.</param>
/// <param name="limits">Length and count limits.</param>
public sealed class TraitNormalizer(TraitTaxonomy taxonomy, TraitLimits limits)
{
    private static readonly char[] ListSeparators = [';', '\n', '\r', '|'];

    private static readonly TraitListResult Empty = new([], []);

    /// <summary>A normaliser over the shipped taxonomy and limits.</summary>
    public static TraitNormalizer Default { get; } = new(TraitTaxonomy.Default, TraitLimits.Default);

    /// <summary>The taxonomy in use.</summary>
    public TraitTaxonomy Taxonomy { get; } = taxonomy ?? throw new ArgumentNullException(nameof(taxonomy));

    /// <summary>The limits in use.</summary>
    public TraitLimits Limits { get; } = limits ?? throw new ArgumentNullException(nameof(limits));

    /// <summary>Normalises one trait; returns null and an error when the text cannot be a trait.</summary>
    public NormalizedTrait? TryNormalize(TraitDimension dimension, string? text, string field, out ValidationError? error)
    {
        var trait = Normalize(dimension, text, out var problem);
        error = problem is null ? null : new ValidationError(field, problem);
        return trait;
    }

    /// <summary>The trait, or null and what is wrong with the text (the caller names the field: most texts are fine).</summary>
    private NormalizedTrait? Normalize(TraitDimension dimension, string? text, out string? problem)
    {
        problem = null;
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            problem = "is empty";
            return null;
        }

        if (trimmed.Length > Limits.MaxLength)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"is {trimmed.Length} characters long; a trait may have at most {Limits.MaxLength}");
            return null;
        }

        string canonical;
        try
        {
            canonical = TraitText.Canonicalize(trimmed);
        }
        catch (ArgumentException)
        {
            // Unicode normalisation refuses broken UTF-16 (a lone surrogate): that is bad input, not a crash.
            problem = "contains characters that are not valid text";
            return null;
        }

        if (canonical.Length == 0)
        {
            problem = "has no letters or digits";
            return null;
        }

        var entry = Taxonomy.FindByPhrase(dimension, canonical);
        var stripped = TraitText.StripDimensionLead(dimension, canonical);
        entry ??= Taxonomy.FindByPhrase(dimension, stripped);
        return entry is not null
            ? new NormalizedTrait(dimension, entry.Key, entry.Label, IsCandidate: false)
            : new NormalizedTrait(dimension, TraitText.ToKey(stripped), TraitText.ToLabel(stripped), IsCandidate: true);
    }

    /// <summary>Normalises one trait or throws with the field and the reason.</summary>
    /// <exception cref="ModelValidationException">The text cannot be a trait.</exception>
    public NormalizedTrait Normalize(TraitDimension dimension, string? text) =>
        TryNormalize(dimension, text, dimension.ToFieldName(), out var error)
        ?? throw new ModelValidationException([error!]);

    /// <summary>
    /// Normalises a column value holding several traits separated by ';', '|' or new lines. Duplicates
    /// (after normalisation) collapse to one; empty items are skipped; every problem is reported.
    /// </summary>
    /// <param name="dimension">The dimension the column holds.</param>
    /// <param name="columnValue">The column's text.</param>
    /// <param name="field">The field problems name (the dimension's field name when null).</param>
    /// <param name="memo">Phrasings already normalised, reused and added to: a reader of many rows passes one for the read.</param>
    public TraitListResult NormalizeList(TraitDimension dimension, string? columnValue, string? field = null, TraitMemo? memo = null)
    {
        if (string.IsNullOrWhiteSpace(columnValue))
        {
            return Empty;
        }

        field ??= dimension.ToFieldName();
        var items = columnValue.Split(ListSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var traits = ImmutableArray.CreateBuilder<NormalizedTrait>(items.Length);
        ImmutableArray<ValidationError>.Builder? errors = null;
        HashSet<string>? keys = null;
        for (var i = 0; i < items.Length; i++)
        {
            string? problem = null;
            if (memo is null || !memo.TryGet(dimension, items[i], out var trait))
            {
                trait = Normalize(dimension, items[i], out problem);
                if (trait is not null)
                {
                    memo?.Add(dimension, items[i], trait);
                }
            }

            if (problem is not null)
            {
                (errors ??= ImmutableArray.CreateBuilder<ValidationError>()).Add(new(string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]"), problem));
            }
            else if (trait is not null && IsNew(traits, ref keys, trait.Key))
            {
                traits.Add(trait);
            }
        }

        if (traits.Count > Limits.MaxPerDimension)
        {
            (errors ??= ImmutableArray.CreateBuilder<ValidationError>()).Add(new(field, string.Create(CultureInfo.InvariantCulture, $"has {traits.Count} traits; at most {Limits.MaxPerDimension} are allowed per dimension")));
        }

        return new(traits.DrainToImmutable(), errors?.ToImmutable() ?? []);
    }

    /// <summary>Whether no trait so far has the key: a look along the few traits a cell holds, a set past that.</summary>
    private static bool IsNew(ImmutableArray<NormalizedTrait>.Builder traits, ref HashSet<string>? keys, string key)
    {
        const int Scan = 16;
        if (keys is null)
        {
            for (var t = 0; t < traits.Count; t++)
            {
                if (string.Equals(traits[t].Key, key, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            if (traits.Count < Scan)
            {
                return true;
            }

            keys = new HashSet<string>(traits.Select(t => t.Key), StringComparer.Ordinal);
        }

        return keys.Add(key);
    }
}
