using CrmPersonCentric.Model;

namespace CrmPersonCentric.Drift.Population;

/// <summary>
/// Messaging themes (read by the theme analyzer): each response's theme keyed through the theme taxonomy, the layer a
/// theme belongs to, and per contact the themes it responded to with the days since its latest response.
/// </summary>
public sealed partial class PopulationBuilder
{
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

        _responseKeys.Add(((ulong)(uint)contact << 32) | (uint)theme);
        _responseDays.Add(days);
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
            id = _themeKeys.Count;
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
    private bool RecordExposure(int contact, ushort days, int theme)
    {
        if (theme < 0 || days == CompactPopulation.Never)
        {
            return false;
        }

        _exposureKeys.Add(((ulong)(uint)contact << 32) | (uint)theme);
        _exposureDays.Add(days);
        return true;
    }

    /// <summary>Per contact, the themes responded to (or sent) with days since the latest, in CSR form ordered by contact.</summary>
    private ThemeResponses ThemeCsr(List<ulong> contactThemes, List<ushort> daysSince)
    {
        var keys = contactThemes.ToArray();
        var seen = daysSince.ToArray();
        Array.Sort(keys, seen);
        var offsets = new int[_persona.Count + 1];
        var themes = new List<int>(keys.Length);
        var days = new List<ushort>(keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            if (i > 0 && keys[i] == keys[i - 1])
            {
                days[^1] = Math.Min(days[^1], seen[i]); // the same theme again: keep the latest
                continue;
            }

            offsets[(int)(keys[i] >> 32) + 1]++;
            themes.Add((int)(uint)keys[i]);
            days.Add(seen[i]);
        }

        for (var c = 0; c < _persona.Count; c++)
        {
            offsets[c + 1] += offsets[c];
        }

        return new ThemeResponses(offsets, [.. themes], [.. days]);
    }
}
