namespace CrmPersonCentric.Solution.Schema;

/// <summary>One option of a choice.</summary>
/// <param name="Value">Option value (publisher prefix 74230).</param>
/// <param name="Label">Label shown to users.</param>
internal sealed record ChoiceOption(int Value, string Label);
