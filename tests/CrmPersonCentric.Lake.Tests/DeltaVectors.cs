using System.Buffers.Binary;

namespace CrmPersonCentric.Lake.Tests;

/// <summary>
/// Deletion vectors written as the Delta protocol describes them (appendix "Deletion Vector Format"), for tests: the
/// magic number, the 64-bit Roaring bitmap array (a 32-bit portable Roaring bitmap per high word, with array, bitmap or
/// run containers), Z85 text, and the file envelope (a version byte, then per vector its size, bytes and CRC-32).
/// </summary>
internal static class DeltaVectors
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

    public static byte[] Encode(IEnumerable<long> rows, bool runs)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(1681511377u);
        var byHigh = rows.Distinct().Order().GroupBy(r => (uint)(r >> 32)).ToList();
        writer.Write((long)byHigh.Count);
        foreach (var high in byHigh)
        {
            writer.Write(high.Key);
            var containers = high.GroupBy(r => (ushort)((r >> 16) & 0xFFFF)).Select(g => (Key: g.Key, Values: g.Select(r => (ushort)(r & 0xFFFF)).ToArray())).ToList();
            var isRun = containers.Select(c => runs && Ranges(c.Values).Count * 4 < c.Values.Length * 2).ToArray();
            if (runs)
            {
                writer.Write(12347u | ((uint)(containers.Count - 1) << 16));
                var flags = new byte[(containers.Count + 7) / 8];
                for (var c = 0; c < containers.Count; c++)
                {
                    flags[c / 8] |= (byte)(isRun[c] ? 1 << (c % 8) : 0);
                }

                writer.Write(flags);
            }
            else
            {
                writer.Write(12346u);
                writer.Write((uint)containers.Count);
            }

            foreach (var (key, values) in containers)
            {
                writer.Write(key);
                writer.Write((ushort)(values.Length - 1));
            }

            if (!runs || containers.Count >= 4)
            {
                foreach (var _ in containers)
                {
                    writer.Write(0u); // offsets: readers that read in order do not need them
                }
            }

            for (var c = 0; c < containers.Count; c++)
            {
                var values = containers[c].Values;
                if (isRun[c])
                {
                    var ranges = Ranges(values);
                    writer.Write((ushort)ranges.Count);
                    foreach (var (start, length) in ranges)
                    {
                        writer.Write(start);
                        writer.Write((ushort)(length - 1));
                    }
                }
                else if (values.Length <= 4096)
                {
                    foreach (var value in values)
                    {
                        writer.Write(value);
                    }
                }
                else
                {
                    var words = new ulong[1024];
                    foreach (var value in values)
                    {
                        words[value / 64] |= 1UL << (value % 64);
                    }

                    foreach (var word in words)
                    {
                        writer.Write(word);
                    }
                }
            }
        }

        writer.Flush();
        return stream.ToArray();
    }

    private static List<(ushort Start, int Length)> Ranges(ushort[] values)
    {
        var ranges = new List<(ushort, int)>();
        for (var i = 0; i < values.Length;)
        {
            var j = i;
            while (j + 1 < values.Length && values[j + 1] == values[j] + 1)
            {
                j++;
            }

            ranges.Add((values[i], j - i + 1));
            i = j + 1;
        }

        return ranges;
    }

    /// <summary>A deletion vector file holding one vector at offset 1.</summary>
    public static byte[] File(byte[] payload)
    {
        var file = new byte[1 + 4 + payload.Length + 4];
        file[0] = 1;
        BinaryPrimitives.WriteInt32BigEndian(file.AsSpan(1), payload.Length);
        payload.CopyTo(file, 5);
        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(5 + payload.Length), System.IO.Hashing.Crc32.HashToUInt32(payload));
        return file;
    }

    public static string Z85(byte[] bytes)
    {
        var text = new System.Text.StringBuilder();
        Span<char> chars = stackalloc char[5];
        for (var i = 0; i < bytes.Length; i += 4)
        {
            var value = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(i));
            for (var j = 4; j >= 0; j--)
            {
                chars[j] = Alphabet[(int)(value % 85)];
                value /= 85;
            }

            text.Append(chars);
        }

        return text.ToString();
    }
}

/// <summary>The deletion vector reader against the protocol's own example, a captured one, and generated ones of every container kind.</summary>
public sealed class DeletionVectorTests
{
    [Fact]
    public void TheProtocolsInlineExample_MarksItsSixRows()
    {
        var bytes = DeletionVector.Z85("wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L")[..40];

        Assert.Equal([3L, 4, 7, 11, 18, 29], DeletionVector.Parse(bytes)!);
    }

    [Fact]
    public void AVectorAsSparkWritesOne_WithTheOffsetHeaderOfTheNoRunFormat_MarksItsRow()
    {
        // Magic, one bitmap (high word 0), the no-run cookie, one container of one value after its offset header: row 1.
        var bytes = Convert.FromHexString("d1d339640100000000000000000000003a3000000100000000000000100000000100");

        Assert.Equal([1L], DeletionVector.Parse(bytes)!);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GeneratedVectors_OfArrayBitmapAndRunContainers_OverSeveralHighWords_ReadBackExactly(bool runs)
    {
        var random = new Random(25);
        for (var trial = 0; trial < 40; trial++)
        {
            var rows = new SortedSet<long>();
            var containers = random.Next(1, 7);
            for (var c = 0; c < containers; c++)
            {
                var high = random.Next(3) == 0 ? (long)random.Next(1, 3) << 32 : 0;
                var @base = high | ((long)random.Next(0, 40) << 16);
                var kind = random.Next(3);
                var count = kind switch { 0 => random.Next(1, 50), 1 => random.Next(4097, 9000), _ => random.Next(100, 3000) };
                var start = random.Next(0, 65536 - count);
                for (var i = 0; i < count; i++)
                {
                    // Scattered values, a dense block (a bitmap container) or a contiguous stretch (a run).
                    rows.Add(@base + (kind == 0 ? random.Next(65536) : start + i));
                }
            }

            Assert.Equal(rows.ToArray(), DeletionVector.Parse(DeltaVectors.Encode(rows, runs)));
        }
    }

    [Fact]
    public void TheNativeSerialisation_AsDeltaWritesIt_LittleEndian_ReadsItsRows()
    {
        // Magic 1681511376, the number of bitmaps, then each bitmap after its length; the n-th holds high word n (here
        // 0 and 1): all little-endian.
        long[] rows = [5, 6, 70_000, (1L << 32) + 9];
        var bitmaps = rows.GroupBy(r => r >> 32).Select(g => DeltaVectors.Encode(g.Select(r => r & 0xFFFFFFFF), runs: false)[16..]).ToList();
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(1681511376u);
        writer.Write(bitmaps.Count);
        foreach (var bitmap in bitmaps)
        {
            writer.Write(bitmap.Length);
            writer.Write(bitmap);
        }

        writer.Flush();

        Assert.Equal(rows, DeletionVector.Parse(stream.ToArray())!);
    }

    [Fact]
    public void ARunStandingForMoreRowsThanTheLogSays_IsNotExpanded()
    {
        // One run of 60,000 rows where the log says 10: refused before it is expanded (a damaged run could stand for
        // four billion).
        var run = DeltaVectors.Encode(Enumerable.Range(0, 60_000).Select(i => (long)i), runs: true);

        Assert.Null(DeletionVector.Parse(run, most: 10));
        Assert.Equal(60_000, DeletionVector.Parse(run, most: 60_000)!.Length);
    }

    [Fact]
    public void BytesThatAreNotAVector_AreNotReadAsOne()
    {
        var good = DeltaVectors.Encode([1, 2, 3, 70_000], runs: false);

        Assert.Null(DeletionVector.Parse(good.AsSpan(0, good.Length - 1)));
        Assert.Null(DeletionVector.Parse(new byte[16]));
        Assert.Null(DeletionVector.Parse([]));
    }
}
