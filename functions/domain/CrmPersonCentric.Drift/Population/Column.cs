namespace CrmPersonCentric.Drift.Population;

/// <summary>
/// One growing column of the population being built: a list that can hand its buffer over. When the reservation was
/// exact (the caller knew the count: a lake export, a list of profiles), <see cref="ToArray"/> returns the buffer itself
/// instead of a copy, which halves what building allocates; the column is spent afterwards.
/// </summary>
internal sealed class Column<T>
{
    private T[] _items = [];
    private bool _spent;

    /// <summary>Entries added.</summary>
    public int Count { get; private set; }

    /// <summary>An added entry, to read or update in place.</summary>
    public ref T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return ref _items[index];
        }
    }

    /// <summary>Makes room for this many entries in all (never shrinks).</summary>
    public void EnsureCapacity(int capacity)
    {
        ThrowIfSpent();
        if (capacity > _items.Length)
        {
            Array.Resize(ref _items, capacity);
        }
    }

    /// <summary>Appends an entry.</summary>
    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            Grow(Count + 1);
        }

        _items[Count++] = item;
    }

    /// <summary>Appends entries.</summary>
    public void AddRange(ReadOnlySpan<T> items)
    {
        if (Count + items.Length > _items.Length)
        {
            Grow(Count + items.Length);
        }

        items.CopyTo(_items.AsSpan(Count));
        Count += items.Length;
    }

    /// <summary>The entries as an array of their exact length: the buffer itself when it is exactly full, else a copy. Either way the column is spent.</summary>
    public T[] ToArray()
    {
        ThrowIfSpent();
        var result = Count == _items.Length ? _items : _items.AsSpan(0, Count).ToArray();
        (_items, Count, _spent) = ([], 0, true);
        return result;
    }

    private void Grow(int needed)
    {
        ThrowIfSpent();
        Array.Resize(ref _items, (int)Math.Min(Array.MaxLength, Math.Max(needed, Math.Max(4, 2L * _items.Length))));
    }

    private void ThrowIfSpent()
    {
        if (_spent)
        {
            throw new InvalidOperationException("This column was handed over to a built population.");
        }
    }
}
