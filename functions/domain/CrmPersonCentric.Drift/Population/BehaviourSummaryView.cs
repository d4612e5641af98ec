using System.Buffers.Binary;

namespace CrmPersonCentric.Drift.Population;

/// <summary>Reads a <see cref="BehaviourSummary"/> in place (version 1 or 2), checking every length first.</summary>
public readonly ref struct BehaviourSummaryView
{
    private readonly ReadOnlySpan<byte> _summary;
    private readonly int _entriesAt;
    private readonly int _entrySize;
    private readonly int _linksAt;
    private readonly int _themeCount;

    private BehaviourSummaryView(ReadOnlySpan<byte> summary, int themeCount, int entriesAt, int count, int entrySize, int linksAt, int links)
    {
        _summary = summary;
        _themeCount = themeCount;
        _entriesAt = entriesAt;
        Count = count;
        _entrySize = entrySize;
        _linksAt = linksAt;
        LinkCount = links;
    }

    /// <summary>Number of signals.</summary>
    public int Count { get; }

    /// <summary>Number of referral links (referrals naming the referred contact).</summary>
    public int LinkCount { get; }

    /// <summary>Number of distinct themes.</summary>
    public int ThemeCount => _themeCount;

    /// <summary>Opens a summary; false when it is empty, of an unknown version or cut short.</summary>
    public static bool TryOpen(ReadOnlySpan<byte> summary, out BehaviourSummaryView view)
    {
        view = default;
        if (summary.Length < 1)
        {
            return false;
        }

        if (summary[0] == 1)
        {
            if ((summary.Length - 1) % BehaviourSummary.V1Size != 0)
            {
                return false;
            }

            view = new BehaviourSummaryView(summary, 0, 1, (summary.Length - 1) / BehaviourSummary.V1Size, BehaviourSummary.V1Size, summary.Length, 0);
            return true;
        }

        if (summary[0] != 2 || summary.Length < 2)
        {
            return false;
        }

        var themes = summary[1];
        var p = 2;
        for (var t = 0; t < themes; t++)
        {
            if (p >= summary.Length)
            {
                return false;
            }

            p += 1 + summary[p];
        }

        if (p + 2 > summary.Length)
        {
            return false;
        }

        var count = BinaryPrimitives.ReadUInt16LittleEndian(summary.Slice(p, 2));
        var entriesAt = p + 2;
        var linksAt = entriesAt + (count * BehaviourSummary.V2Size);
        if (linksAt + 2 > summary.Length)
        {
            return false;
        }

        var links = BinaryPrimitives.ReadUInt16LittleEndian(summary.Slice(linksAt, 2));
        if (linksAt + 2 + (links * 6) != summary.Length)
        {
            return false;
        }

        view = new BehaviourSummaryView(summary, themes, entriesAt, count, BehaviourSummary.V2Size, linksAt + 2, links);
        return true;
    }

    /// <summary>The i-th signal.</summary>
    public SummaryEntry Entry(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var at = _entriesAt + (index * _entrySize);
        var moment = BehaviourSummary.MomentOf(BinaryPrimitives.ReadUInt32LittleEndian(_summary.Slice(at + 1, 4)));
        return _entrySize == BehaviourSummary.V2Size
            ? new SummaryEntry(_summary[at], moment, _summary[at + 5], _summary[at + 6])
            : new SummaryEntry(_summary[at], moment, BehaviourSummary.None, BehaviourSummary.None);
    }

    /// <summary>The UTF-8 bytes of theme t.</summary>
    public ReadOnlySpan<byte> Theme(int t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(t, _themeCount);
        var p = 2;
        for (var i = 0; i < t; i++)
        {
            p += 1 + _summary[p];
        }

        return _summary.Slice(p + 1, _summary[p]);
    }

    /// <summary>The i-th referral link: the entry it belongs to and the referred contact's hash.</summary>
    public (int Entry, uint Hash) Link(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, LinkCount);
        var at = _linksAt + (index * 6);
        return (BinaryPrimitives.ReadUInt16LittleEndian(_summary.Slice(at, 2)), BinaryPrimitives.ReadUInt32LittleEndian(_summary.Slice(at + 2, 4)));
    }
}
