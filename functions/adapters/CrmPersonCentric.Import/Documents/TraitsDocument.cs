namespace CrmPersonCentric.Import.Documents;

/// <summary>The JSON shape of declared traits, per dimension.</summary>
public sealed class TraitsDocument
{
    /// <summary>Declared aspirations.</summary>
    public List<TraitDocument>? Aspirations { get; set; }

    /// <summary>Declared core fears.</summary>
    public List<TraitDocument>? CoreFears { get; set; }

    /// <summary>Declared peer groups.</summary>
    public List<TraitDocument>? PeerGroups { get; set; }

    /// <summary>Declared communities.</summary>
    public List<TraitDocument>? Communities { get; set; }
}
