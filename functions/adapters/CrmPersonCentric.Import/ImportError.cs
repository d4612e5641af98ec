namespace CrmPersonCentric.Import;

/// <summary>One problem in an import: the file, where in it, the field and why.</summary>
/// <param name="File">File name within the data directory.</param>
/// <param name="Location">"line 12" for CSV, "record 3 (id 'p-ops')" for JSON, or null for the whole file.</param>
/// <param name="Field">The column or JSON path.</param>
/// <param name="Message">Why the value cannot be accepted.</param>
public sealed record ImportError(string File, string? Location, string? Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        string.Join(", ", new[] { File, Location, Field is null ? null : "field " + Field }.Where(s => s is not null)) + ": " + Message;
}
