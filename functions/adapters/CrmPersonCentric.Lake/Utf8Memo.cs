using System.Runtime.InteropServices;
using System.Text;

namespace CrmPersonCentric.Lake;

/// <summary>
/// What each distinct text of a column means to the population (its trait ids, its key, its trust modes), worked out
/// once per text and found again from the text's UTF-8 bytes as DuckDB holds them (<see cref="ChunkReader.Utf8"/>): a
/// hash of the bytes and a comparison with the bytes kept, no string and no UTF-16 copy. Only a text not seen before
/// becomes a string, for <c>meaning</c>. Open addressing over a table at most half full.
/// </summary>
internal sealed class Utf8Memo<T>(Func<string, T> meaning)
{
    private int[] _slots = Empty(64);
    private readonly List<Entry> _entries = [];

    /// <summary>Distinct texts seen.</summary>
    public int Count => _entries.Count;

    /// <summary>The text's meaning, worked out when the text is new.</summary>
    public T Get(ReadOnlySpan<byte> utf8)
    {
        var hash = Hash(utf8);
        var mask = _slots.Length - 1;
        var entries = CollectionsMarshal.AsSpan(_entries);
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var index = _slots[slot];
            if (index < 0)
            {
                break;
            }

            ref readonly var entry = ref entries[index];
            if (entry.Hash == hash && utf8.SequenceEqual(entry.Bytes))
            {
                return entry.Meaning;
            }
        }

        var value = meaning(Encoding.UTF8.GetString(utf8));
        _entries.Add(new Entry(hash, utf8.ToArray(), value));
        if (_entries.Count * 2 > _slots.Length)
        {
            _slots = Empty(_slots.Length * 2);
            for (var i = 0; i < _entries.Count; i++)
            {
                Place(_slots, _entries[i].Hash, i);
            }
        }
        else
        {
            Place(_slots, hash, _entries.Count - 1);
        }

        return value;
    }

    private static void Place(int[] slots, int hash, int index)
    {
        var mask = slots.Length - 1;
        var slot = hash & mask;
        while (slots[slot] >= 0)
        {
            slot = (slot + 1) & mask;
        }

        slots[slot] = index;
    }

    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = default(HashCode);
        hash.AddBytes(utf8);
        return hash.ToHashCode() & int.MaxValue;
    }

    private static int[] Empty(int length)
    {
        var slots = new int[length];
        Array.Fill(slots, -1);
        return slots;
    }

    private readonly record struct Entry(int Hash, byte[] Bytes, T Meaning);
}
