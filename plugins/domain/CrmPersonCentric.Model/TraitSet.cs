using System.Collections.Immutable;

namespace CrmPersonCentric.Model;

/// <summary>A person's normalised trait keys per dimension (sorted, distinct).</summary>
public sealed class TraitSet : IEquatable<TraitSet>
{
    private readonly ImmutableArray<string>[] _byDimension;

    private TraitSet(ImmutableArray<string>[] byDimension) => _byDimension = byDimension;

    /// <summary>A set with no traits.</summary>
    public static TraitSet Empty { get; } = new([[], [], [], []]);

    /// <summary>The keys of one dimension.</summary>
    public ImmutableArray<string> this[TraitDimension dimension] => _byDimension[(int)dimension];

    /// <summary>Total number of traits over all dimensions.</summary>
    public int Count => _byDimension.Sum(d => d.Length);

    /// <summary>Builds a set; keys are de-duplicated and sorted ordinally.</summary>
    public static TraitSet Create(IEnumerable<KeyValuePair<TraitDimension, IEnumerable<string>>> traits)
    {
        ArgumentNullException.ThrowIfNull(traits);
        var buckets = new List<string>?[TraitDimensions.Count];
        foreach (var (dimension, keys) in traits)
        {
            foreach (var key in keys)
            {
                if (!string.IsNullOrEmpty(key))
                {
                    (buckets[(int)dimension] ??= []).Add(key);
                }
            }
        }

        var byDimension = new ImmutableArray<string>[buckets.Length];
        for (var d = 0; d < buckets.Length; d++)
        {
            byDimension[d] = SortedDistinct(buckets[d]);
        }

        return new(byDimension);
    }

    /// <summary>
    /// Builds a set from each dimension's keys in <see cref="TraitDimension"/> order. Keys already sorted ordinally and
    /// distinct (as <see cref="SortedKeys"/> makes them) are held as they are, so people with the same keys can share one
    /// array; any others are sorted and de-duplicated first.
    /// </summary>
    public static TraitSet FromDimensions(ReadOnlySpan<ImmutableArray<string>> byDimension)
    {
        if (byDimension.Length != TraitDimensions.Count)
        {
            throw new ArgumentException($"One list of keys per dimension ({TraitDimensions.Count}) is needed.", nameof(byDimension));
        }

        var held = new ImmutableArray<string>[TraitDimensions.Count];
        for (var d = 0; d < held.Length; d++)
        {
            var keys = byDimension[d].IsDefault ? [] : byDimension[d];
            held[d] = IsSortedDistinct(keys) ? keys : SortedKeys(keys);
        }

        return new(held);
    }

    /// <summary>The keys sorted ordinally, each once, empty ones left out: a dimension's keys as a set holds them.</summary>
    public static ImmutableArray<string> SortedKeys(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var list = new List<string>();
        foreach (var key in keys)
        {
            if (!string.IsNullOrEmpty(key))
            {
                list.Add(key);
            }
        }

        return SortedDistinct(list.Count == 0 ? null : list);
    }

    private static bool IsSortedDistinct(ImmutableArray<string> keys)
    {
        for (var i = 0; i < keys.Length; i++)
        {
            if (string.IsNullOrEmpty(keys[i]) || (i > 0 && string.CompareOrdinal(keys[i - 1], keys[i]) >= 0))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The keys sorted ordinally, each once (a person has a few per dimension: a sort, not a sorted set).</summary>
    private static ImmutableArray<string> SortedDistinct(List<string>? keys)
    {
        if (keys is null)
        {
            return [];
        }

        keys.Sort(string.CompareOrdinal);
        var distinct = ImmutableArray.CreateBuilder<string>(keys.Count);
        foreach (var key in keys)
        {
            if (distinct.Count == 0 || !string.Equals(distinct[^1], key, StringComparison.Ordinal))
            {
                distinct.Add(key);
            }
        }

        return distinct.DrainToImmutable();
    }

    /// <summary>Builds a set from the four dimensions' keys.</summary>
    public static TraitSet Create(
        IEnumerable<string>? aspirations = null,
        IEnumerable<string>? coreFears = null,
        IEnumerable<string>? peerGroups = null,
        IEnumerable<string>? communities = null) =>
        Create(
        [
            new(TraitDimension.Aspiration, aspirations ?? []),
            new(TraitDimension.CoreFear, coreFears ?? []),
            new(TraitDimension.PeerGroup, peerGroups ?? []),
            new(TraitDimension.Community, communities ?? []),
        ]);

    /// <summary>True when the person has this trait.</summary>
    public bool Contains(TraitDimension dimension, string key) =>
        this[dimension].BinarySearch(key, StringComparer.Ordinal) >= 0;

    /// <summary>Every (dimension, key) pair.</summary>
    public IEnumerable<(TraitDimension Dimension, string Key)> All() =>
        TraitDimensions.All.SelectMany(d => this[d].Select(k => (d, k)));

    /// <summary>A copy with one dimension replaced.</summary>
    public TraitSet With(TraitDimension dimension, IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return Create(TraitDimensions.All.Select(d =>
            new KeyValuePair<TraitDimension, IEnumerable<string>>(d, d == dimension ? keys : this[d])));
    }

    /// <inheritdoc />
    public bool Equals(TraitSet? other) =>
        other is not null && TraitDimensions.All.All(d => this[d].SequenceEqual(other[d], StringComparer.Ordinal));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as TraitSet);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var key in All())
        {
            hash.Add(key.Dimension);
            hash.Add(key.Key, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}
