using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Population;

/// <summary>
/// Interns (dimension, key) pairs to dense integer ids so the evaluation loops touch integers, not strings.
/// Not thread-safe while building; read-only use afterwards is safe.
/// </summary>
public sealed class TraitCatalog
{
    private readonly Dictionary<(TraitDimension, string), int> _ids = [];
    private readonly List<(TraitDimension Dimension, string Key)> _traits = [];

    /// <summary>Number of distinct traits.</summary>
    public int Count => _traits.Count;

    /// <summary>The id of the trait, adding it when new.</summary>
    public int Intern(TraitDimension dimension, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_ids.TryGetValue((dimension, key), out var id))
        {
            return id;
        }

        id = _traits.Count;
        _traits.Add((dimension, key));
        _ids.Add((dimension, key), id);
        return id;
    }

    /// <summary>The id of the trait, or -1 when it was never interned.</summary>
    public int Find(TraitDimension dimension, string key) => _ids.GetValueOrDefault((dimension, key), -1);

    /// <summary>The trait with this id.</summary>
    public (TraitDimension Dimension, string Key) this[int id] => _traits[id];

    /// <summary>The dimension of a trait id.</summary>
    public TraitDimension DimensionOf(int id) => _traits[id].Dimension;
}
