namespace CrmPersonCentric.Solution.Validation;

/// <summary>What <see cref="SolutionCheck.Run"/> found.</summary>
/// <param name="File">The customizations.xml that was validated (inside the zip: "customizations.xml").</param>
/// <param name="Issues">Every departure from the schema, with its line, element and whether it is allowed.</param>
/// <param name="Limitation">What the check could not cover, or null when it covered the whole solution.</param>
public sealed record SolutionCheckResult(string File, IReadOnlyList<SchemaIssue> Issues, string? Limitation);
