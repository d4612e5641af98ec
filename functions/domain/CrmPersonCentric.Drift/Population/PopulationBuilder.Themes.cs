using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Population;

/// <summary>
/// Messaging themes (read by the theme analyzer): each response's theme keyed through the theme taxonomy, the layer a
/// theme belongs to, and per contact the themes it responded to with the days since its latest response.
/// </summary>
public sealed partial class PopulationBuilder
{
    // A response or send is appended as one number, contact | theme | days (high to low bits), so sorting the numbers
    // orders them by contact, then theme, then recency: the first of each contact and theme is its latest. One
    // 8-byte entry per signal, sorted in place once at Build, is what keeps building from storage small.
    private const int DayBits = 16;
    private const int ThemeBits = 20;
    private const int ContactShift = DayBits + ThemeBits;

    /// <summary>Most messaging themes a population can key (far above any theme taxonomy).</summary>
    public const int MaxThemes = 1 << ThemeBits;

    /// <summary>Most contacts a population can hold (above what one process can hold in memory).</summary>
    public const int MaxContacts = 1 << (64 - ContactShift);

    private static ulong ThemeEntry(int contact, int theme, ushort days) =>
        ((ulong)(uint)contact << ContactShift) | ((ulong)(uint)theme << DayBits) | days;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RecordTheme(int contact, int slot, ushort days, int theme)
    {
        if (theme < 0)
        {
            return;
        }

        if (slot >= BehaviourKeys.Slot(BehaviourType.MessagingResponse, MessagingLayer.CorporateVision))
        {
            _themeLayerCounts[theme][slot - BehaviourKeys.Slot(BehaviourType.MessagingResponse, MessagingLayer.CorporateVision) + 1]++;
        }

        _responses.Add(ThemeEntry(contact, theme, days));
    }

    private int ThemeId(ReadOnlySpan<byte> utf8)
    {
        Span<char> chars = stackalloc char[System.Text.Encoding.UTF8.GetMaxCharCount(utf8.Length)];
        var written = System.Text.Encoding.UTF8.GetChars(utf8, chars);
        var text = chars[..written];
        if (_themeByText.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out var id))
        {
            return id;
        }

        return ThemeId(text.ToString());
    }

    private int ThemeId(string? theme)
    {
        if (theme is null)
        {
            return -1;
        }

        if (_themeByText.TryGetValue(theme, out var id))
        {
            return id;
        }

        var key = _themeTaxonomy.KeyOf(theme);
        if (key is null)
        {
            id = -1;
        }
        else if (!_themeByKey.TryGetValue(key, out id))
        {
            id = _themeKeys.Count < MaxThemes
                ? _themeKeys.Count
                : throw new InvalidOperationException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"A population keys at most {MaxThemes:N0} messaging themes."));
            _themeKeys.Add(key);
            _themeLayerCounts.Add(new int[5]);
            _themeByKey.Add(key, id);
        }

        _themeByText.Add(theme, id);
        return id;
    }

    /// <summary>A theme's layer: the theme taxonomy's, else the layer most of its responses carry (the lower on a tie), so input order does not matter.</summary>
    private int LayerOf(string key, int[] counts)
    {
        if (_themeTaxonomy.Find(key)?.Layer is { } layer)
        {
            return (int)layer;
        }

        var best = 1;
        for (var l = 2; l < counts.Length; l++)
        {
            if (counts[l] > counts[best])
            {
                best = l;
            }
        }

        return best;
    }

    /// <summary>A send of a theme to an added contact (exposure): kept as the days since its latest send of that theme.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool RecordExposure(int contact, ushort days, int theme)
    {
        if (theme < 0 || days == CompactPopulation.Never)
        {
            return false;
        }

        _exposures.Add(ThemeEntry(contact, theme, days));
        return true;
    }

    /// <summary>
    /// Sorts entries whose high bits (from <paramref name="groupShift"/> up) are a contact: entries come grouped by
    /// contact in ascending order when signals follow the contacts (exports, summaries, the lake's sorted signals), and
    /// then only each contact's few entries are sorted; any other order is sorted whole. The result is the same sorted
    /// span either way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SortGrouped(Span<ulong> entries, int groupShift)
    {
        var start = 0;
        for (var i = 1; i <= entries.Length; i++)
        {
            if (i < entries.Length && entries[i] >> groupShift == entries[start] >> groupShift)
            {
                continue;
            }

            if (i < entries.Length && entries[i] >> groupShift < entries[start] >> groupShift)
            {
                entries.Sort(); // not grouped in ascending order
                return;
            }

            entries[start..i].Sort();
            start = i;
        }
    }

    /// <summary>
    /// Per contact, the themes responded to (or sent) with days since the latest, in CSR form ordered by contact: the
    /// entries sorted in place, then counted and copied into arrays of their exact size.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ThemeResponses ThemeCsr(List<ulong> entries)
    {
        var sorted = CollectionsMarshal.AsSpan(entries);
        SortGrouped(sorted, ContactShift);
        var distinct = 0;
        var previous = ulong.MaxValue; // no entry's contact and theme
        foreach (var entry in sorted)
        {
            if (entry >> DayBits != previous)
            {
                previous = entry >> DayBits;
                distinct++;
            }
        }

        var offsets = new int[_persona.Count + 1];
        var themes = new int[distinct];
        var days = new ushort[distinct];
        var at = 0;
        previous = ulong.MaxValue;
        foreach (var entry in sorted)
        {
            if (entry >> DayBits == previous)
            {
                continue; // the same theme again, less recent
            }

            previous = entry >> DayBits;
            offsets[(int)(entry >> ContactShift) + 1]++;
            themes[at] = (int)(previous & (MaxThemes - 1));
            days[at] = (ushort)entry;
            at++;
        }

        for (var c = 0; c < _persona.Count; c++)
        {
            offsets[c + 1] += offsets[c];
        }

        return new ThemeResponses(offsets, themes, days);
    }
}
