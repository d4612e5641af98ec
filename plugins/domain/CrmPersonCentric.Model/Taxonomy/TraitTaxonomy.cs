using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;

namespace CrmPersonCentric.Model.Taxonomy;

/// <summary>The known traits per dimension and an index from every phrasing to its key.</summary>
public sealed class TraitTaxonomy
{
    private static readonly Lazy<TraitTaxonomy> DefaultTaxonomy = new(LoadDefault);
    // One index per dimension (by its number), keyed by ordinal strings: a frozen string dictionary hashes a key by the
    // few characters that tell its keys apart, where a (dimension, string) tuple hashed the whole string (an evaluation
    // looks up every trait of its catalog: tens of thousands at a million contacts).
    private readonly FrozenDictionary<string, TaxonomyEntry>[] _byPhrase;
    private readonly FrozenDictionary<string, TaxonomyEntry>[] _byKey;

    private TraitTaxonomy(ImmutableArray<TaxonomyEntry> entries)
    {
        Entries = entries;
        var keys = Enumerable.Range(0, TraitDimensions.Count).Select(_ => new Dictionary<string, TaxonomyEntry>(StringComparer.Ordinal)).ToArray();
        var phrases = Enumerable.Range(0, TraitDimensions.Count).Select(_ => new Dictionary<string, TaxonomyEntry>(StringComparer.Ordinal)).ToArray();
        foreach (var entry in entries)
        {
            var d = (int)entry.Dimension;
            keys[d].TryAdd(entry.Key, entry);
            foreach (var phrase in entry.Synonyms.Prepend(entry.Label).Prepend(entry.Key.Replace('-', ' ')))
            {
                var canonical = TraitText.StripDimensionLead(entry.Dimension, TraitText.Canonicalize(phrase));
                phrases[d].TryAdd(canonical, entry);
                phrases[d].TryAdd(TraitText.Canonicalize(phrase), entry);
            }
        }

        _byKey = [.. keys.Select(k => k.ToFrozenDictionary(StringComparer.Ordinal))];
        _byPhrase = [.. phrases.Select(p => p.ToFrozenDictionary(StringComparer.Ordinal))];
    }

    /// <summary>The taxonomy the product ships with.</summary>
    public static TraitTaxonomy Default => DefaultTaxonomy.Value;

    /// <summary>An empty taxonomy: every trait is a candidate.</summary>
    public static TraitTaxonomy Empty { get; } = new([]);

    /// <summary>Every entry.</summary>
    public ImmutableArray<TaxonomyEntry> Entries { get; }

    /// <summary>Builds a taxonomy; keys must be unique per dimension and in key form.</summary>
    /// <exception cref="ModelValidationException">An entry is invalid; the message names it.</exception>
    public static TraitTaxonomy Create(IEnumerable<TaxonomyEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToImmutableArray();
        var errors = ImmutableArray.CreateBuilder<ValidationError>();
        var keys = new HashSet<(TraitDimension, string)>();
        for (var i = 0; i < list.Length; i++)
        {
            var entry = list[i];
            var field = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"taxonomy[{i}]");
            if (string.IsNullOrWhiteSpace(entry.Key) || TraitText.ToKey(TraitText.Canonicalize(entry.Key)) != entry.Key)
            {
                errors.Add(new(field + ".key", $"{Echo.Quote(entry.Key)} must be lower-case words joined by '-'"));
            }
            else if (!keys.Add((entry.Dimension, entry.Key)))
            {
                errors.Add(new(field + ".key", $"{Echo.Quote(entry.Key)} appears twice in {entry.Dimension.ToFieldName()}"));
            }

            if (string.IsNullOrWhiteSpace(entry.Label))
            {
                errors.Add(new(field + ".label", "is required"));
            }

            if (!Enum.IsDefined(entry.Dimension))
            {
                errors.Add(new(field + ".dimension", "must be one of " + Echo.NamesOf<TraitDimension>()));
            }
        }

        return errors.Count > 0 ? throw new ModelValidationException(errors.ToImmutable()) : new TraitTaxonomy(list);
    }

    /// <summary>Reads a taxonomy from its JSON form (an array of entries).</summary>
    public static TraitTaxonomy FromJson(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var entries = JsonSerializer.Deserialize(json, ModelJsonContext.Default.ListTaxonomyEntry)
            ?? throw new ModelValidationException("taxonomy", "must be a JSON array of entries");
        var nulls = entries.Select((e, i) => (Entry: e, Index: i)).Where(x => x.Entry is null)
            .Select(x => new ValidationError(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"taxonomy[{x.Index}]"), "must be an object with a key, a dimension and a label")).ToImmutableArray();
        return nulls.IsEmpty
            ? Create(entries.Select(e => e with { Synonyms = e.Synonyms.IsDefault ? [] : [.. e.Synonyms.Where(s => !string.IsNullOrWhiteSpace(s))] }))
            : throw new ModelValidationException(nulls);
    }

    /// <summary>The entry whose key, label or synonym matches the canonical phrase, or null.</summary>
    public TaxonomyEntry? FindByPhrase(TraitDimension dimension, string canonicalPhrase) => Find(_byPhrase, dimension, canonicalPhrase);

    /// <summary>The entry with this key, or null.</summary>
    public TaxonomyEntry? FindByKey(TraitDimension dimension, string key) => Find(_byKey, dimension, key);

    private static TaxonomyEntry? Find(FrozenDictionary<string, TaxonomyEntry>[] index, TraitDimension dimension, string text)
    {
        var d = (int)dimension;
        return text is not null && (uint)d < (uint)index.Length ? index[d].GetValueOrDefault(text) : null;
    }

    /// <summary>The label of a key: the taxonomy's, or one made from the key for candidates.</summary>
    public string LabelOf(TraitDimension dimension, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return FindByKey(dimension, key)?.Label ?? TraitText.ToLabel(key.Replace('-', ' '));
    }

    /// <summary>
    /// The JSON options of the taxonomy and persona files (camelCase, enums as strings by their own converters,
    /// trailing commas and comments allowed), with the model's source-generated metadata. Assemblies that read other
    /// types copy these options and add their own resolver.
    /// </summary>
    public static JsonSerializerOptions JsonOptions => ModelJsonContext.Default.Options;

    private static TraitTaxonomy LoadDefault()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CrmPersonCentric.Model.Taxonomy.default-taxonomy.json")
            ?? throw new InvalidOperationException("The default taxonomy resource is missing from the assembly.");
        return FromJson(stream);
    }
}
