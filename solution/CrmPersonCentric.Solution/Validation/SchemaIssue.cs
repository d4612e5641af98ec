namespace CrmPersonCentric.Solution.Validation;

/// <summary>One place where a customizations.xml departs from Microsoft's schema.</summary>
/// <param name="Line">1-based line in the file.</param>
/// <param name="Position">1-based column.</param>
/// <param name="Element">The element's path, e.g. /ImportExportXml/Entities/Entity/EntityInfo/entity/attributes/attribute.</param>
/// <param name="Message">What the schema says.</param>
/// <param name="Allowance">When the departure is one real exports of current Dataverse carry: why it is allowed; null for an error.</param>
public sealed record SchemaIssue(int Line, int Position, string Element, string Message, string? Allowance)
{
    /// <summary>True for a schema warning (e.g. content the schema leaves unchecked): reported, never an error.</summary>
    public bool IsWarning { get; init; }

    /// <summary>
    /// True for a departure from the schema that is not on the allow-list: Dataverse checks imports against this schema,
    /// so such a departure is what an import rejects (or, for the rare rule the service no longer enforces, a risk).
    /// </summary>
    public bool IsError => Allowance is null && !IsWarning;

    /// <inheritdoc />
    public override string ToString() =>
        $"line {Line}, column {Position}, {Element}: {Message}{(IsWarning ? " (warning)" : Allowance is null ? string.Empty : " (allowed: " + Allowance + ")")}";
}
