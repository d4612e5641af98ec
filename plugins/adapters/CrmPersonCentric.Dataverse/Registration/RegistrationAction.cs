namespace CrmPersonCentric.Dataverse.Registration;

/// <summary>One thing registration did, or would do in a dry run.</summary>
/// <param name="Kind">Create, Update or Unchanged.</param>
/// <param name="Table">serviceendpoint, sdkmessageprocessingstep or sdkmessageprocessingstepimage.</param>
/// <param name="Name">The component's name.</param>
/// <param name="Changes">The columns that differ (for updates), never the key's value.</param>
public sealed record RegistrationAction(RegistrationActionKind Kind, string Table, string Name, IReadOnlyList<string> Changes)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Kind,-9} {Table} '{Name}'" + (Changes.Count > 0 ? " (" + string.Join(", ", Changes) + ")" : string.Empty);
}
