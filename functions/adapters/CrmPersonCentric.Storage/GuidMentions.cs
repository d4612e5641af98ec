using System.Text.RegularExpressions;

namespace CrmPersonCentric.Storage;

/// <summary>
/// Finds a contact's id in kept text in whatever form it was written: with or without hyphens, braced or in
/// parentheses, upper or lower case. Erasure must find every copy, not only the form Dataverse usually sends.
/// </summary>
public static partial class GuidMentions
{
    /// <summary>True when <paramref name="text"/> mentions <paramref name="id"/> (any GUID form; other ids as written, ignoring case).</summary>
    public static bool Mentions(string text, string id)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (!Guid.TryParse(id, out var wanted))
        {
            return text.Contains(id, StringComparison.OrdinalIgnoreCase);
        }

        foreach (Match match in Candidate().Matches(text))
        {
            if (Guid.TryParseExact(match.Value.Replace("-", string.Empty, StringComparison.Ordinal), "N", out var found) && found == wanted)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when two ids name the same contact (GUIDs compared as GUIDs, other ids ignoring case).</summary>
    public static bool SameId(string? a, string? b) =>
        a is not null && b is not null
        && (Guid.TryParse(a, out var x) && Guid.TryParse(b, out var y) ? x == y : string.Equals(a, b, StringComparison.OrdinalIgnoreCase));

    // 32 hex digits, hyphens optional at the D-format positions, not part of a longer run of hex digits.
    [GeneratedRegex("(?<![0-9A-Fa-f])[0-9A-Fa-f]{8}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{12}(?![0-9A-Fa-f])", RegexOptions.CultureInvariant)]
    private static partial Regex Candidate();
}
