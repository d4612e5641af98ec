namespace CrmPersonCentric.Import.Documents;

/// <summary>The JSON shape of a persona owner.</summary>
public sealed class OwnerDocument
{
    /// <summary>Stable id.</summary>
    public string? Id { get; set; }

    /// <summary>Name shown on the report.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Report recipient address.</summary>
    public string? Email { get; set; }
}
