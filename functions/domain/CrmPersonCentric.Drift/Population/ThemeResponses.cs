namespace CrmPersonCentric.Drift.Population;

/// <summary>Per contact, the messaging themes responded to (CSR: contact c's entries are [Offsets[c], Offsets[c + 1])).</summary>
/// <param name="Offsets">Start of each contact's entries; Count + 1 entries.</param>
/// <param name="ThemeIds">Theme ids, ascending within a contact.</param>
/// <param name="Days">Days between the latest response to the theme and the as-of date.</param>
public sealed record ThemeResponses(int[] Offsets, int[] ThemeIds, ushort[] Days)
{
    /// <summary>No responses.</summary>
    public static ThemeResponses Empty { get; } = new([0], [], []);
}
