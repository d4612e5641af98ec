using System.Buffers.Binary;
using System.Text;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Population;

/// <summary>
/// A contact's behaviour in the compact form evaluation needs, newest last, at most <see cref="MaxEvents"/> signals.
/// Evaluation reads it instead of the signals themselves: its cost follows the contacts, not the history kept.
/// <para>Version 2 (written): a version byte; the contact's distinct messaging themes as written on the signals (at most
/// <see cref="MaxThemes"/>, each at most <see cref="MaxThemeBytes"/> bytes of UTF-8, length-prefixed) after a count byte;
/// a 16-bit entry count and per signal 7 bytes (behaviour slot, whole seconds since 2000-01-01 UTC as 32 bits, source
/// or 255, theme index or 255); then a 16-bit count of referral links and per link the entry index (16 bits) and a 32-bit
/// hash of the referred contact's id (only distinct referred people are counted, never who they are).</para>
/// <para>Version 1 (read only): a version byte and 5 bytes per signal (slot, seconds).</para>
/// </summary>
public static class BehaviourSummary
{
    /// <summary>The format version written.</summary>
    public const byte Version = 2;

    /// <summary>Signals kept per contact (the newest): 28 KB of entries; with the themes at most ≈ 54 KB, under a table property's 64 KB.</summary>
    public const int MaxEvents = 4096;

    /// <summary>Distinct themes kept per contact; the signals of further themes keep their slot but no theme.</summary>
    public const int MaxThemes = 64;

    /// <summary>Longest theme kept, in UTF-8 bytes (longer ones are cut at a character boundary): room for the <see cref="Model.Taxonomy.ThemeTaxonomy.MaxLength"/> characters a theme is keyed by.</summary>
    public const int MaxThemeBytes = 4 * Model.Taxonomy.ThemeTaxonomy.MaxLength;

    /// <summary>Marks "none" in the source and theme bytes.</summary>
    public const byte None = 255;

    private const int V1EntrySize = 5;
    private const int V2EntrySize = 7;

    private static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Encodes signals (any order; duplicates by id are the caller's to remove); unusable ones are skipped.</summary>
    public static byte[] Encode(IEnumerable<BehaviourSignal> signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        // A send counts only as the latest send of its theme (exposure in a window): one entry per theme, so a
        // newsletter sent weekly for years never crowds the person's own behaviour out of the newest MaxEvents.
        var entries = signals
            .Select(s => (Signal: s, Slot: BehaviourKeys.SummarySlot(s.Type, s.Layer), Seconds: SecondsOf(s.OccurredOn)))
            .Where(e => e.Slot >= 0 && e.Seconds is not null && (e.Slot != BehaviourKeys.ExposureSlot || ThemeOf(e.Signal) is not null))
            .Select((e, i) => (e.Signal, e.Slot, e.Seconds, Key: e.Slot == BehaviourKeys.ExposureSlot ? "sent:" + ThemeOf(e.Signal) : "signal:" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .GroupBy(e => e.Key, StringComparer.Ordinal)
            .Select(g => g.MaxBy(e => e.Seconds))
            .Select(e => (e.Signal, e.Slot, Seconds: e.Seconds!.Value))
            .OrderBy(e => e.Seconds).ThenBy(e => e.Slot).ThenBy(e => e.Signal.Id, StringComparer.Ordinal)
            .TakeLast(MaxEvents)
            .ToList();
        // Themes (of messaging responses and sends only: what evaluation compares) get their index newest first, so when a
        // contact has more than MaxThemes it is the oldest ones that lose their theme.
        var themes = new List<byte[]>();
        var themeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            if (ThemeOf(entries[i].Signal) is { } text && !themeIndex.ContainsKey(text) && themes.Count < MaxThemes)
            {
                themeIndex.Add(text, themes.Count);
                themes.Add(Utf8Prefix(text));
            }
        }

        var links = new List<(int Entry, uint Hash)>();
        var body = new byte[entries.Count * V2EntrySize];
        for (var i = 0; i < entries.Count; i++)
        {
            var (signal, slot, seconds) = entries[i];
            var theme = ThemeOf(signal) is { } text && themeIndex.TryGetValue(text, out var t) ? (byte)t : None;

            var at = i * V2EntrySize;
            body[at] = (byte)slot;
            BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(at + 1, 4), seconds);
            body[at + 5] = signal.Source is { } source ? (byte)source : None;
            body[at + 6] = theme;
            if (signal.Type == BehaviourType.Referral && !string.IsNullOrWhiteSpace(signal.RelatedContactId))
            {
                links.Add((i, ContactHash(signal.RelatedContactId)));
            }
        }

        var size = 2 + themes.Sum(t => 1 + t.Length) + 2 + body.Length + 2 + (links.Count * 6);
        var bytes = new byte[size];
        var p = 0;
        bytes[p++] = Version;
        bytes[p++] = (byte)themes.Count;
        foreach (var theme in themes)
        {
            bytes[p++] = (byte)theme.Length;
            theme.CopyTo(bytes, p);
            p += theme.Length;
        }

        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(p, 2), (ushort)entries.Count);
        p += 2;
        body.CopyTo(bytes, p);
        p += body.Length;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(p, 2), (ushort)links.Count);
        p += 2;
        foreach (var (entry, hash) in links)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(p, 2), (ushort)entry);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(p + 2, 4), hash);
            p += 6;
        }

        return bytes;
    }

    /// <summary>Number of signals in a summary (0 for an empty or unreadable one).</summary>
    public static int Count(ReadOnlySpan<byte> summary) => BehaviourSummaryView.TryOpen(summary, out var view) ? view.Count : 0;

    /// <summary>The i-th signal's slot and moment.</summary>
    public static (int Slot, DateTimeOffset OccurredOn) Entry(ReadOnlySpan<byte> summary, int index)
    {
        if (!BehaviourSummaryView.TryOpen(summary, out var view))
        {
            throw new ArgumentException("The summary is not readable.", nameof(summary));
        }

        var entry = view.Entry(index);
        return (entry.Slot, entry.OccurredOn);
    }

    /// <summary>True for a summary of a version this code reads, whole.</summary>
    public static bool IsReadable(ReadOnlySpan<byte> summary) => BehaviourSummaryView.TryOpen(summary, out _);

    /// <summary>The prefix of a pseudonymised referred contact (<see cref="Pseudonymise"/>).</summary>
    public const string PseudonymPrefix = "hash:";

    /// <summary>
    /// A stable 32-bit hash (FNV-1a over the trimmed, lower-case id) of a referred contact: counts distinct referrals
    /// without keeping the id. A pseudonym written by <see cref="Pseudonymise"/> gives back the hash it holds.
    /// </summary>
    public static uint ContactHash(string contactId)
    {
        ArgumentNullException.ThrowIfNull(contactId);
        var trimmed = contactId.AsSpan().Trim();
        if (trimmed.StartsWith(PseudonymPrefix, StringComparison.Ordinal)
            && uint.TryParse(trimmed[PseudonymPrefix.Length..], System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var held))
        {
            return held;
        }

        var hash = 2166136261u;
        foreach (var ch in trimmed)
        {
            var c = char.ToLowerInvariant(ch);
            hash = (hash ^ (byte)c) * 16777619u;
            hash = (hash ^ (byte)(c >> 8)) * 16777619u;
        }

        return hash;
    }

    /// <summary>
    /// What storage keeps of a referred contact: "hash:" and its <see cref="ContactHash"/> in hex. Distinct referrals
    /// still count, and erasing the referred person leaves no id of theirs in the referrer's signals.
    /// </summary>
    public static string Pseudonymise(string contactId) =>
        PseudonymPrefix + ContactHash(contactId).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);

    private static string? ThemeOf(BehaviourSignal signal) =>
        signal.Type is BehaviourType.MessagingResponse or BehaviourType.MessageSent && !string.IsNullOrWhiteSpace(signal.Theme) ? signal.Theme.Trim() : null;

    internal static DateTimeOffset MomentOf(uint seconds) => Epoch.AddSeconds(seconds);

    internal static int V1Size => V1EntrySize;

    internal static int V2Size => V2EntrySize;

    private static byte[] Utf8Prefix(string theme)
    {
        var bytes = Encoding.UTF8.GetBytes(theme.Trim());
        if (bytes.Length <= MaxThemeBytes)
        {
            return bytes;
        }

        var cut = MaxThemeBytes;
        while (cut > 0 && (bytes[cut] & 0xC0) == 0x80)
        {
            cut--;
        }

        return bytes[..cut];
    }

    private static uint? SecondsOf(DateTimeOffset moment)
    {
        var seconds = Math.Floor((moment - Epoch).TotalSeconds);
        return seconds is < 0 or > uint.MaxValue ? null : (uint)seconds;
    }
}
