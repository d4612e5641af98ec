namespace CrmPersonCentric.Drift.Population;

/// <summary>
/// One growing column of the population being built: a list whose buffer can become the population's array. When the
/// reservation was exact (the caller knew the count: a lake export, a list of profiles), <see cref="ToArray"/> returns
/// the buffer itself instead of a copy, which halves what building allocates. Its owner adds nothing after that
/// (<see cref="PopulationBuilder"/> refuses any work once built).
/// </summary>
internal sealed class Column<T>
{
    private T[] _items = [];

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

    /// <summary>Appends the same entry this many times.</summary>
    public void AddRepeated(T item, int count)
    {
        if (Count + count > _items.Length)
        {
            Grow(Count + count);
        }

        _items.AsSpan(Count, count).Fill(item);
        Count += count;
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

    /// <summary>The entries as an array of their exact length: the buffer itself when it is exactly full, else a copy.</summary>
    public T[] ToArray() => Count == _items.Length ? _items : _items.AsSpan(0, Count).ToArray();

    private void Grow(int needed) =>
        Array.Resize(ref _items, (int)Math.Min(Array.MaxLength, Math.Max(needed, Math.Max(4, 2L * _items.Length))));
}
