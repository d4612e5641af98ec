using System.Globalization;
using System.Text.RegularExpressions;

namespace CrmPersonCentric.Model;

/// <summary>
/// The one reader of dates typed by people (data files, command-line options): ISO 8601 only, so that 01/11/2026 is
/// never read as 11 January or 1 November by guess. A date without a time is midnight UTC; a time without an offset is UTC.
/// </summary>
public static partial class IsoDates
{
    /// <summary>The accepted form, for messages.</summary>
    public const string ExpectedForm = "an ISO 8601 date such as 2026-11-01 or 2026-11-01T09:30:00Z";

    /// <summary>Parses an ISO 8601 date or date and time; false for any other form.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        var trimmed = text?.Trim();
        return trimmed is not null
            && Iso().IsMatch(trimmed)
            && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    // yyyy-MM-dd, optionally THH:mm[:ss[.fffffff]] (a space for the T too) and Z or ±HH[:]mm.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|z|[+-]\d{2}:?\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso();
}
