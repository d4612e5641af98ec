namespace CrmPersonCentric.Import.Documents;

/// <summary>The JSON shape of export.json.</summary>
public sealed class ExportDocument
{
    /// <summary>Organisation name.</summary>
    public string? Organisation { get; set; }

    /// <summary>When the export was taken.</summary>
    public DateTimeOffset? ExportedOn { get; set; }
}
