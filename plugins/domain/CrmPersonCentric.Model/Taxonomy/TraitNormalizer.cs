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

    /// <summary>A normaliser over the shipped taxonomy and limits.</summary>
    public static TraitNormalizer Default { get; } = new(TraitTaxonomy.Default, TraitLimits.Default);

    /// <summary>The taxonomy in use.</summary>
    public TraitTaxonomy Taxonomy { get; } = taxonomy ?? throw new ArgumentNullException(nameof(taxonomy));

    /// <summary>The limits in use.</summary>
    public TraitLimits Limits { get; } = limits ?? throw new ArgumentNullException(nameof(limits));

    /// <summary>Normalises one trait; returns null and an error when the text cannot be a trait.</summary>
    public NormalizedTrait? TryNormalize(TraitDimension dimension, string? text, string field, out ValidationError? error)
    {
        error = null;
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            error = new(field, "is empty");
            return null;
        }

        if (trimmed.Length > Limits.MaxLength)
        {
            error = new(field, string.Create(CultureInfo.InvariantCulture, $"is {trimmed.Length} characters long; a trait may have at most {Limits.MaxLength}"));
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
            error = new(field, "contains characters that are not valid text");
            return null;
        }

        if (canonical.Length == 0)
        {
            error = new(field, "has no letters or digits");
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
    public TraitListResult NormalizeList(TraitDimension dimension, string? columnValue, string? field = null)
    {
        field ??= dimension.ToFieldName();
        if (string.IsNullOrWhiteSpace(columnValue))
        {
            return new([], []);
        }

        var traits = ImmutableArray.CreateBuilder<NormalizedTrait>();
        var errors = ImmutableArray.CreateBuilder<ValidationError>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var items = columnValue.Split(ListSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < items.Length; i++)
        {
            var trait = TryNormalize(dimension, items[i], string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]"), out var error);
            if (error is not null)
            {
                errors.Add(error);
            }
            else if (trait is not null && keys.Add(trait.Key))
            {
                traits.Add(trait);
            }
        }

        if (traits.Count > Limits.MaxPerDimension)
        {
            errors.Add(new(field, string.Create(CultureInfo.InvariantCulture, $"has {traits.Count} traits; at most {Limits.MaxPerDimension} are allowed per dimension")));
        }

        return new(traits.ToImmutable(), errors.ToImmutable());
    }
}
