using System.Runtime.CompilerServices;
namespace CrmPersonCentric.Drift.Engine;

/// <summary>
/// How many people hold each pair of traits, keyed by the pair's two trait ids (the first in the high 32 bits): an
/// open-addressing table over the keys, for the millions of increments of one sweep over a large population (a
/// <see cref="Dictionary{TKey,TValue}"/> spent most of the advocacy filter's time hashing them). Two distinct traits never
/// make the key 0, which marks an empty slot.
/// </summary>
internal sealed class PairCounts
{
    private long[] _keys = new long[1024];
    private int[] _counts = new int[1024];
    private int _shift = 64 - 10;

    /// <summary>Distinct pairs counted.</summary>
    public int Count { get; private set; }

    /// <summary>The key of a pair of distinct trait ids.</summary>
    public static long Key(int first, int second) => ((long)first << 32) | (uint)second;

    /// <summary>Adds one person holding the pair.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Increment(long key)
    {
        var mask = _keys.Length - 1;
        var i = Slot(key);
        while (true)
        {
            var k = _keys[i];
            if (k == key)
            {
                _counts[i]++;
                return;
            }

            if (k == 0)
            {
                _keys[i] = key;
                _counts[i] = 1;
                if (++Count * 2 > _keys.Length)
                {
                    Grow();
                }

                return;
            }

            i = (i + 1) & mask;
        }
    }

    /// <summary>The pairs counted and their people, in no particular order.</summary>
    public IEnumerable<(long Key, int Count)> Entries()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            if (_keys[i] != 0)
            {
                yield return (_keys[i], _counts[i]);
            }
        }
    }

    /// <summary>Fibonacci hashing: the top bits of the key times 2^64 / φ.</summary>
    private int Slot(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> _shift);

    private void Grow()
    {
        var (keys, counts) = (_keys, _counts);
        _keys = new long[keys.Length * 2];
        _counts = new int[keys.Length * 2];
        _shift--;
        var mask = _keys.Length - 1;
        for (var j = 0; j < keys.Length; j++)
        {
            if (keys[j] == 0)
            {
                continue;
            }

            var i = Slot(keys[j]);
            while (_keys[i] != 0)
            {
                i = (i + 1) & mask;
            }

            _keys[i] = keys[j];
            _counts[i] = counts[j];
        }
    }
}
