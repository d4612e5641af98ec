using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Population;

/// <summary>
/// Interns (dimension, key) pairs to dense integer ids so the evaluation loops touch integers, not strings.
/// Not thread-safe while building; read-only use afterwards is safe.
/// </summary>
public sealed class TraitCatalog
{
    private readonly List<(TraitDimension Dimension, string Key)> _traits = [];
    private readonly Dictionary<string, int>[] _byDimension = [.. TraitDimensions.All.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal))];
    private readonly List<int>[] _idsByDimension = [.. TraitDimensions.All.Select(_ => new List<int>())];

    /// <summary>Number of distinct traits.</summary>
    public int Count => _traits.Count;

    /// <summary>The id of the trait, adding it when new.</summary>
    public int Intern(TraitDimension dimension, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var ids = _byDimension[(int)dimension];
        if (ids.TryGetValue(key, out var id))
        {
            return id;
        }

        id = _traits.Count;
        _traits.Add((dimension, key));
        ids.Add(key, id);
        _idsByDimension[(int)dimension].Add(id);
        return id;
    }

    /// <summary>The id of the trait, adding it when new; allocates only for a trait not seen before.</summary>
    public int Intern(TraitDimension dimension, ReadOnlySpan<char> key)
    {
        var lookup = _byDimension[(int)dimension].GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.TryGetValue(key, out var id) ? id : Intern(dimension, key.ToString());
    }

    /// <summary>The id of the trait, or -1 when it was never interned.</summary>
    public int Find(TraitDimension dimension, string key) => _byDimension[(int)dimension].GetValueOrDefault(key, -1);

    /// <summary>The trait with this id.</summary>
    public (TraitDimension Dimension, string Key) this[int id] => _traits[id];

    /// <summary>The ids of a dimension's traits, ascending (valid until the next trait is interned).</summary>
    public ReadOnlySpan<int> IdsOf(TraitDimension dimension) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_idsByDimension[(int)dimension]);

    /// <summary>The dimension of a trait id.</summary>
    public TraitDimension DimensionOf(int id) => _traits[id].Dimension;
}
