namespace CrmPersonCentric.Import.Documents;

/// <summary>The JSON shape of an ICP filter.</summary>
public sealed class IcpDocument
{
    /// <summary>Accepted industries (empty: any).</summary>
    public List<string>? Industries { get; set; }

    /// <summary>Smallest accepted employee count.</summary>
    public int? MinEmployees { get; set; }

    /// <summary>Largest accepted employee count.</summary>
    public int? MaxEmployees { get; set; }

    /// <summary>Accepted regions (empty: any).</summary>
    public List<string>? Regions { get; set; }
}
