using System.Buffers.Binary;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Population;

/// <summary>
/// A contact's behaviour in the compact form evaluation needs: for every kept signal its behaviour slot and moment
/// (whole seconds since 2000-01-01 UTC), newest last, at most <see cref="MaxEvents"/>. Five bytes per signal after a
/// version byte, so a contact with two years of signals at the sample's rates takes about 60 bytes. Evaluation reads
/// it instead of the signals themselves: its cost follows the contacts, not the history kept.
/// </summary>
public static class BehaviourSummary
{
    /// <summary>The format version in the first byte.</summary>
    public const byte Version = 1;

    /// <summary>Signals kept per contact (the newest); 20 KB, well under a table property's 64 KB.</summary>
    public const int MaxEvents = 4096;

    private const int EntrySize = 5;

    private static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Encodes signals (any order; duplicates by id are the caller's to remove); unusable ones are skipped.</summary>
    public static byte[] Encode(IEnumerable<BehaviourSignal> signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var entries = signals
            .Select(s => (Slot: BehaviourKeys.Slot(s.Type, s.Layer), Seconds: SecondsOf(s.OccurredOn)))
            .Where(e => e.Slot >= 0 && e.Seconds is not null)
            .Select(e => (e.Slot, Seconds: e.Seconds!.Value))
            .OrderBy(e => e.Seconds).ThenBy(e => e.Slot)
            .TakeLast(MaxEvents)
            .ToList();
        var bytes = new byte[1 + (entries.Count * EntrySize)];
        bytes[0] = Version;
        for (var i = 0; i < entries.Count; i++)
        {
            var at = 1 + (i * EntrySize);
            bytes[at] = (byte)entries[i].Slot;
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 1, 4), entries[i].Seconds);
        }

        return bytes;
    }

    /// <summary>Number of signals in a summary (0 for an empty or unreadable one).</summary>
    public static int Count(ReadOnlySpan<byte> summary) => IsReadable(summary) ? (summary.Length - 1) / EntrySize : 0;

    /// <summary>The i-th signal's slot and moment.</summary>
    public static (int Slot, DateTimeOffset OccurredOn) Entry(ReadOnlySpan<byte> summary, int index)
    {
        var at = 1 + (index * EntrySize);
        return (summary[at], Epoch.AddSeconds(BinaryPrimitives.ReadUInt32LittleEndian(summary.Slice(at + 1, 4))));
    }

    /// <summary>True for a summary of a version this code reads.</summary>
    public static bool IsReadable(ReadOnlySpan<byte> summary) =>
        summary.Length >= 1 && summary[0] == Version && (summary.Length - 1) % EntrySize == 0;

    private static uint? SecondsOf(DateTimeOffset moment)
    {
        var seconds = Math.Floor((moment - Epoch).TotalSeconds);
        return seconds is < 0 or > uint.MaxValue ? null : (uint)seconds;
    }
}
