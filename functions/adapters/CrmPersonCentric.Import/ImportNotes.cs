using System.Collections.Immutable;

namespace CrmPersonCentric.Import;

/// <summary>What reading a data directory left out or decided, for the console summary and the report.</summary>
/// <param name="ContactsLeftOut">Contacts tagged with a persona id that personas.json does not hold (not evaluated).</param>
/// <param name="SignalsLeftOut">Signals of those contacts.</param>
/// <param name="LeftOut">The first few reasons, with file and line (never a value).</param>
/// <param name="Rules">Where the rules in force come from, in words.</param>
public sealed record ImportNotes(int ContactsLeftOut, int SignalsLeftOut, ImmutableArray<ImportError> LeftOut, string Rules)
{
    /// <summary>Nothing left out; the shipped rules.</summary>
    public static ImportNotes None { get; } = new(0, 0, [], "the shipped rules");
}
