namespace CrmPersonCentric.Solution.Schema;

/// <summary>A form field.</summary>
/// <param name="Column">Column logical name.</param>
/// <param name="Label">Label on the form.</param>
/// <param name="Kind">Column type (picks the control).</param>
/// <param name="ReadOnly">True when users cannot edit it on the form.</param>
internal sealed record FormField(string Column, string Label, ColumnKind Kind, bool ReadOnly);
