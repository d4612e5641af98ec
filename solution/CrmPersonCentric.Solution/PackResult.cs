namespace CrmPersonCentric.Solution;

/// <summary>A packed solution zip.</summary>
/// <param name="ZipPath">Full path of the written zip.</param>
/// <param name="Managed">True for the managed form.</param>
/// <param name="Entries">Zip entry names, in their order in the zip.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the zip (equal for equal input).</param>
public sealed record PackResult(string ZipPath, bool Managed, IReadOnlyList<string> Entries, string Sha256);
