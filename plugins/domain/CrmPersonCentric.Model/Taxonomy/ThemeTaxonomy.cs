using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace CrmPersonCentric.Model.Taxonomy;

/// <summary>
/// The known messaging themes and an index from every campaign name to its key, so responses to "Fear of missing quota"
/// and "fear-of-missing-quota" count as one theme. A theme the taxonomy does not know keeps its own key (its words joined
/// by '-'), so new campaigns are measured before anyone maps them.
/// </summary>
public sealed class ThemeTaxonomy
{
    /// <summary>Characters of a theme that key it (longer campaign names are keyed by their first 100, after trimming).</summary>
    public const int MaxLength = 100;

    private static readonly Lazy<ThemeTaxonomy> DefaultTaxonomy = new(LoadDefault);
    private readonly FrozenDictionary<string, ThemeEntry> _byPhrase;
    private readonly FrozenDictionary<string, ThemeEntry> _byKey;

    private ThemeTaxonomy(ImmutableArray<ThemeEntry> entries)
    {
        Entries = entries;
        _byKey = entries.ToFrozenDictionary(e => e.Key, StringComparer.Ordinal);
        var phrases = new Dictionary<string, ThemeEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            foreach (var phrase in entry.Synonyms.Prepend(entry.Label).Prepend(entry.Key.Replace('-', ' ')))
            {
                phrases.TryAdd(TraitText.Canonicalize(phrase), entry);
            }
        }

        _byPhrase = phrases.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The themes the product ships with.</summary>
    public static ThemeTaxonomy Default => DefaultTaxonomy.Value;

    /// <summary>No known themes: every theme keeps its own key.</summary>
    public static ThemeTaxonomy Empty { get; } = new([]);

    /// <summary>Every entry.</summary>
    public ImmutableArray<ThemeEntry> Entries { get; }

    /// <summary>Builds a taxonomy; keys must be unique and in key form, a trait needs its dimension.</summary>
    /// <exception cref="ModelValidationException">An entry is invalid; the message names it.</exception>
    public static ThemeTaxonomy Create(IEnumerable<ThemeEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var given = entries.ToList();
        var errors = ImmutableArray.CreateBuilder<ValidationError>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var list = ImmutableArray.CreateBuilder<ThemeEntry>(given.Count);
        for (var i = 0; i < given.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"themes[{i}]");
            if (given[i] is not { } original)
            {
                errors.Add(new(field, "must be an object with a key and a label"));
                continue;
            }

            var entry = original with { Synonyms = original.Synonyms.IsDefault ? [] : [.. original.Synonyms.Where(s => !string.IsNullOrWhiteSpace(s))] };
            list.Add(entry);
            if (string.IsNullOrWhiteSpace(entry.Key) || TraitText.ToKey(TraitText.Canonicalize(entry.Key)) != entry.Key)
            {
                errors.Add(new(field + ".key", $"{Echo.Quote(entry.Key)} must be lower-case words joined by '-'"));
            }
            else if (!keys.Add(entry.Key))
            {
                errors.Add(new(field + ".key", $"{Echo.Quote(entry.Key)} appears twice"));
            }

            if (string.IsNullOrWhiteSpace(entry.Label))
            {
                errors.Add(new(field + ".label", "is required"));
            }

            if (entry.Dimension is { } dimension && !Enum.IsDefined(dimension))
            {
                errors.Add(new(field + ".dimension", "must be one of " + Echo.NamesOf<TraitDimension>()));
            }

            if (entry.Trait is not null && entry.Dimension is null)
            {
                errors.Add(new(field + ".dimension", "is required when a trait is named (the trait's dimension)"));
            }

            if (entry.Layer is { } layer && !Enum.IsDefined(layer))
            {
                errors.Add(new(field + ".layer", "must be 1 to 4"));
            }
        }

        return errors.Count > 0 ? throw new ModelValidationException(errors.ToImmutable()) : new ThemeTaxonomy(list.ToImmutable());
    }

    /// <summary>Reads a taxonomy from its JSON form (an array of entries).</summary>
    public static ThemeTaxonomy FromJson(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var entries = JsonSerializer.Deserialize(json, ModelJsonContext.Default.ListThemeEntry)
            ?? throw new ModelValidationException("themes", "must be a JSON array of entries");
        return Create(entries);
    }

    /// <summary>The key of a theme as a campaign names it; null for an empty or unusable name.</summary>
    public string? KeyOf(string? theme)
    {
        if (string.IsNullOrWhiteSpace(theme))
        {
            return null;
        }

        var trimmed = theme.Trim();
        var canonical = TraitText.Canonicalize(trimmed.Length > MaxLength ? trimmed[..MaxLength] : trimmed);
        if (canonical.Length == 0)
        {
            return null;
        }

        return _byPhrase.TryGetValue(canonical, out var entry) ? entry.Key : TraitText.ToKey(canonical);
    }

    /// <summary>The entry with this key, or null (an unmapped theme).</summary>
    public ThemeEntry? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>The label of a key: the taxonomy's, or one made from the key.</summary>
    public string LabelOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Find(key)?.Label ?? TraitText.ToLabel(key.Replace('-', ' '));
    }

    private static ThemeTaxonomy LoadDefault()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CrmPersonCentric.Model.Taxonomy.default-themes.json")
            ?? throw new InvalidOperationException("The default theme taxonomy resource is missing from the assembly.");
        return FromJson(stream);
    }
}
