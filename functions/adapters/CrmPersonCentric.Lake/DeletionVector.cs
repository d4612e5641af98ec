using System.Buffers.Binary;

namespace CrmPersonCentric.Lake;

/// <summary>
/// A Delta deletion vector: the rows of one data file that a MERGE, UPDATE or DELETE marked deleted without rewriting the
/// file (PROTOCOL.md, "Deletion Vectors" and the appendix "Deletion Vector Format"). The descriptor on the file's
/// <c>add</c> action says where its bytes are — inline in the log (<c>i</c>: Z85 text), in a file of the table named
/// from a UUID (<c>u</c>: an optional folder prefix, then the UUID as 20 Z85 characters; <c>deletion_vector_&lt;uuid&gt;.bin</c>)
/// or at a path (<c>p</c>) — and how many rows it marks. The bytes are a 64-bit "RoaringBitmapArray" in one of Delta's two
/// serialisations: the portable one (magic 1681511377 little-endian, an 8-byte count of bitmaps, each after the high 32
/// bits of its row numbers) or the native one (magic 1681511376, a 4-byte count, each bitmap after its length, the n-th
/// holding the rows whose high 32 bits are n; little-endian as Delta writes it, big-endian as the protocol's own inline
/// example has it — both read); each bitmap is a
/// 32-bit Roaring bitmap in the portable Roaring format (github.com/RoaringBitmap/RoaringFormatSpec). In a file, each
/// vector is its size (4 bytes, big-endian) at the descriptor's offset, the bytes, then their CRC-32 (checked).
/// </summary>
/// <param name="StorageType">"i", "u" or "p".</param>
/// <param name="PathOrInlineDv">The Z85 bytes, the prefix and Z85 UUID, or the path.</param>
/// <param name="Offset">Where the vector starts in its file (not for inline vectors).</param>
/// <param name="SizeInBytes">The vector's length (without the size and checksum around it in a file).</param>
/// <param name="Cardinality">How many rows it marks.</param>
internal sealed record DeletionVector(string StorageType, string PathOrInlineDv, int? Offset, int SizeInBytes, long Cardinality)
{
    private const uint PortableMagic = 1681511377;

    private const uint NativeMagic = 1681511376;

    /// <summary>The vector's id in the protocol (a file is known by its path and this): type, location and offset.</summary>
    public string UniqueId => Offset is { } offset ? $"{StorageType}{PathOrInlineDv}@{offset}" : StorageType + PathOrInlineDv;

    /// <summary>A descriptor from its fields as a log or checkpoint holds them.</summary>
    /// <exception cref="LakeException">A field is missing or out of range.</exception>
    public static DeletionVector Of(string table, string? storageType, string? pathOrInlineDv, long? offset, long? sizeInBytes, long? cardinality) =>
        storageType is { } type && pathOrInlineDv is { } where && sizeInBytes is >= 0 and <= int.MaxValue && offset is null or (>= 0 and <= int.MaxValue) && cardinality is >= 0
            ? new DeletionVector(type, where, (int?)offset, (int)sizeInBytes, cardinality.Value)
            : throw new LakeException($"The Delta table '{table}' has a deletion vector descriptor without its storage type, location, size or cardinality, or with one out of range.");

    /// <summary>The deleted rows' positions in the data file (0-based), ascending.</summary>
    /// <exception cref="LakeException">The vector cannot be found or read, or marks another number of rows than it says.</exception>
    public long[] Rows(string table)
    {
        var name = Path.GetFileName(table);
        byte[] bytes;
        try
        {
            bytes = StorageType switch
            {
                "i" => Z85(PathOrInlineDv)[..SizeInBytes],
                "u" or "p" => FromFile(StorageType == "u" ? Path.Combine(table, FileOf(PathOrInlineDv)) : LocalPath(PathOrInlineDv)),
                _ => throw new LakeException($"The Delta table '{name}' has a deletion vector of a storage type this reader does not know ('{Echo(StorageType)}')."),
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or FormatException or OverflowException)
        {
            throw new LakeException($"The Delta table '{name}' has a deletion vector that cannot be read ({ex.GetType().Name}): check that the table's files are complete.");
        }

        var rows = Parse(bytes, Cardinality) ?? throw new LakeException($"The Delta table '{name}' has a deletion vector that is damaged (not a Roaring bitmap array).");
        return rows.Length == Cardinality
            ? rows
            : throw new LakeException($"The Delta table '{name}' has a deletion vector that marks {rows.Length} rows where its log says {Cardinality}: check that the table's files are complete.");
    }

    private static string Echo(string text) => text.Length <= 8 ? text : text[..8] + "…";

    private byte[] FromFile(string path)
    {
        using var file = File.OpenRead(path);
        if (file.ReadByte() != 1)
        {
            throw new FormatException("A deletion vector file of another format version than 1.");
        }

        file.Seek(Offset ?? 1, SeekOrigin.Begin);
        Span<byte> size = stackalloc byte[4];
        file.ReadExactly(size);
        if (BinaryPrimitives.ReadInt32BigEndian(size) != SizeInBytes)
        {
            throw new FormatException("The vector's size differs from its descriptor's.");
        }

        var bytes = new byte[SizeInBytes];
        file.ReadExactly(bytes);
        Span<byte> checksum = stackalloc byte[4];
        file.ReadExactly(checksum);
        return BinaryPrimitives.ReadUInt32BigEndian(checksum) == System.IO.Hashing.Crc32.HashToUInt32(bytes)
            ? bytes
            : throw new FormatException("The vector's checksum does not match its bytes.");
    }

    /// <summary>A <c>u</c> vector's file, relative to the table: the prefix (a folder) and <c>deletion_vector_&lt;uuid&gt;.bin</c>.</summary>
    private static string FileOf(string pathOrInlineDv)
    {
        if (pathOrInlineDv.Length < 20)
        {
            throw new FormatException("A relative deletion vector names a UUID in its last 20 characters.");
        }

        var uuid = new Guid(Z85(pathOrInlineDv[^20..]), bigEndian: true);
        var prefix = pathOrInlineDv[..^20];
        return Path.Combine(prefix, $"deletion_vector_{uuid:D}.bin");
    }

    private static string LocalPath(string path) =>
        Uri.TryCreate(path, UriKind.Absolute, out var uri) && uri.IsFile ? uri.LocalPath : path;

    /// <summary>Z85 (ZeroMQ RFC 32): five characters for four bytes, big-endian.</summary>
    internal static byte[] Z85(string text)
    {
        const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
        if (text.Length % 5 != 0)
        {
            throw new FormatException("Z85 text is a multiple of five characters.");
        }

        var bytes = new byte[text.Length / 5 * 4];
        for (var i = 0; i < text.Length; i += 5)
        {
            uint value = 0;
            for (var j = 0; j < 5; j++)
            {
                var digit = Alphabet.IndexOf(text[i + j], StringComparison.Ordinal);
                value = digit < 0 ? throw new FormatException("A character outside Z85.") : checked((value * 85) + (uint)digit);
            }

            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i / 5 * 4), value);
        }

        return bytes;
    }

    /// <summary>The row positions of a vector's bytes (magic, then the bitmap array), or null when they are not one.</summary>
    /// <param name="bytes">The vector's bytes.</param>
    /// <param name="most">
    /// The most rows to read before giving up (a damaged run could stand for four billion rows): more than the log says
    /// is already a mismatch.
    /// </param>
    internal static long[]? Parse(ReadOnlySpan<byte> bytes, long most = long.MaxValue)
    {
        if (bytes.Length < 4)
        {
            return null;
        }

        var rows = new List<long>();
        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes) == PortableMagic)
        {
            var reader = new Reader(bytes[4..]);
            if (!reader.Int64(out var bitmaps) || bitmaps < 0 || bitmaps > bytes.Length)
            {
                return null;
            }

            for (long b = 0; b < bitmaps; b++)
            {
                if (!reader.UInt32(out var high) || !ReadBitmap(ref reader, (long)high << 32, rows, most))
                {
                    return null;
                }
            }

            return reader.AtEnd ? [.. rows] : null;
        }

        // The native serialisation as Delta writes it (little-endian), or as the protocol's inline example has it (big-endian).
        var little = BinaryPrimitives.ReadUInt32LittleEndian(bytes) == NativeMagic;
        if ((little || BinaryPrimitives.ReadUInt32BigEndian(bytes) == NativeMagic) && bytes.Length >= 8)
        {
            int Int32(ReadOnlySpan<byte> at) => little ? BinaryPrimitives.ReadInt32LittleEndian(at) : BinaryPrimitives.ReadInt32BigEndian(at);
            var bitmaps = Int32(bytes[4..]);
            var rest = bytes[8..];
            for (var b = 0; b < bitmaps; b++)
            {
                var length = rest.Length >= 4 ? Int32(rest) : -1;
                if (length < 0 || length > rest.Length - 4)
                {
                    return null;
                }

                var reader = new Reader(rest.Slice(4, length));
                if (!ReadBitmap(ref reader, (long)b << 32, rows, most) || !reader.AtEnd)
                {
                    return null;
                }

                rest = rest[(4 + length)..];
            }

            return rest.IsEmpty ? [.. rows] : null;
        }

        return null;
    }

    /// <summary>One 32-bit Roaring bitmap in the portable format: a cookie, the containers' keys and sizes, then each container.</summary>
    private static bool ReadBitmap(ref Reader reader, long high, List<long> rows, long most)
    {
        const ushort NoRuns = 12346, WithRuns = 12347;
        if (!reader.UInt32(out var cookie))
        {
            return false;
        }

        int count;
        var runs = ReadOnlySpan<byte>.Empty;
        if ((cookie & 0xFFFF) == WithRuns)
        {
            count = (int)(cookie >> 16) + 1;
            if (!reader.Bytes((count + 7) / 8, out runs))
            {
                return false;
            }
        }
        else if (cookie == NoRuns)
        {
            if (!reader.UInt32(out var n) || n > 65536)
            {
                return false;
            }

            count = (int)n;
        }
        else
        {
            return false;
        }

        // A damaged count could ask for 65,536 containers: on the heap past a few hundred.
        Span<ushort> keys = count <= 256 ? stackalloc ushort[count] : new ushort[count];
        Span<int> sizes = count <= 256 ? stackalloc int[count] : new int[count];
        for (var c = 0; c < count; c++)
        {
            if (!reader.UInt16(out keys[c]) || !reader.UInt16(out var size))
            {
                return false;
            }

            sizes[c] = size + 1;
        }

        // Offsets of the containers: always without runs, with runs from four containers on; read in order, not needed.
        if ((cookie == NoRuns || count >= 4) && !reader.Bytes(4 * count, out _))
        {
            return false;
        }

        for (var c = 0; c < count; c++)
        {
            var @base = high | ((long)keys[c] << 16);
            if (!runs.IsEmpty && (runs[c / 8] & (1 << (c % 8))) != 0)
            {
                if (!reader.UInt16(out var runCount))
                {
                    return false;
                }

                for (var r = 0; r < runCount; r++)
                {
                    if (!reader.UInt16(out var start) || !reader.UInt16(out var length))
                    {
                        return false;
                    }

                    if (rows.Count + length + 1L > most)
                    {
                        // More rows than the log says: not expanded (a damaged run could stand for four billion rows).
                        return false;
                    }

                    for (var v = 0; v <= length; v++)
                    {
                        rows.Add(@base + start + v);
                    }
                }
            }
            else if (sizes[c] <= 4096)
            {
                for (var v = 0; v < sizes[c]; v++)
                {
                    if (!reader.UInt16(out var value))
                    {
                        return false;
                    }

                    rows.Add(@base + value);
                }
            }
            else
            {
                for (var word = 0; word < 1024; word++)
                {
                    if (!reader.Int64(out var bits))
                    {
                        return false;
                    }

                    for (var w = (ulong)bits; w != 0; w &= w - 1)
                    {
                        rows.Add(@base + (word * 64) + System.Numerics.BitOperations.TrailingZeroCount(w));
                    }
                }
            }
        }

        return true;
    }

    /// <summary>Little-endian reads that say when the bytes run out.</summary>
    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private ReadOnlySpan<byte> _rest = bytes;

        public readonly bool AtEnd => _rest.IsEmpty;

        public bool Bytes(int count, out ReadOnlySpan<byte> read)
        {
            read = count <= _rest.Length ? _rest[..count] : default;
            var ok = count <= _rest.Length;
            _rest = ok ? _rest[count..] : _rest;
            return ok;
        }

        public bool UInt16(out ushort value)
        {
            value = Bytes(2, out var read) ? BinaryPrimitives.ReadUInt16LittleEndian(read) : (ushort)0;
            return !read.IsEmpty;
        }

        public bool UInt32(out uint value)
        {
            value = Bytes(4, out var read) ? BinaryPrimitives.ReadUInt32LittleEndian(read) : 0;
            return !read.IsEmpty;
        }

        public bool Int64(out long value)
        {
            value = Bytes(8, out var read) ? BinaryPrimitives.ReadInt64LittleEndian(read) : 0;
            return !read.IsEmpty;
        }
    }
}
