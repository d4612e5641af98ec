namespace CrmPersonCentric.Storage;

/// <summary>One of the app's own storage resources: a table, a queue or a blob container.</summary>
/// <param name="Kind">Which service holds it.</param>
/// <param name="Name">Its full name (a table's name with the configured prefix).</param>
public sealed record StorageResource(StorageResourceKind Kind, string Name)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Name}";
}
