using System.Text;

namespace CrmPersonCentric.Storage;

/// <summary>
/// Makes any string safe as a PartitionKey or RowKey: the characters Table Storage forbids ('/', '\', '#', '?',
/// control characters) and '~' are written as "~XX" (hex of the UTF-8 bytes); other text stays readable.
/// </summary>
public static class TableKeys
{
    /// <summary>Longest key Table Storage accepts, in characters (1 KiB).</summary>
    public const int MaxLength = 1024;

    /// <summary>The key form of a value.</summary>
    /// <exception cref="ArgumentException">The encoded key would exceed 1 KiB.</exception>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.Value is '/' or '\\' or '#' or '?' or '~' || Rune.IsControl(rune))
            {
                var written = rune.EncodeToUtf8(bytes);
                foreach (var b in bytes[..written])
                {
                    builder.Append('~').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.Length <= MaxLength ? builder.ToString() : throw new ArgumentException("The key is longer than 1 KiB once encoded.", nameof(value));
    }

    /// <summary>A RowKey that sorts newest first.</summary>
    public static string Descending(DateTimeOffset moment) =>
        (DateTimeOffset.MaxValue.UtcTicks - moment.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);
}
