namespace CrmPersonCentric.Dataverse.Mapping;

/// <summary>The columns of a cpc_personarevision row as the backend writes them.</summary>
public sealed class PersonaRevisionRow
{
    /// <summary>cpc_key: the suggestion's de-duplication key.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>cpc_type (choice value).</summary>
    public int Type { get; set; }

    /// <summary>The persona id (bound through cpc_personaid).</summary>
    public string PersonaId { get; set; } = string.Empty;

    /// <summary>cpc_personaversion.</summary>
    public int PersonaVersion { get; set; }

    /// <summary>cpc_dimension (choice value), when the change concerns a dimension.</summary>
    public int? Dimension { get; set; }

    /// <summary>cpc_subject.</summary>
    public string? Subject { get; set; }

    /// <summary>cpc_proposedvalue.</summary>
    public double? ProposedValue { get; set; }

    /// <summary>cpc_details: further proposed values, one per line.</summary>
    public string Details { get; set; } = string.Empty;

    /// <summary>cpc_rationale.</summary>
    public string Rationale { get; set; } = string.Empty;

    /// <summary>cpc_evidence: the supporting finding ids, one per line.</summary>
    public string Evidence { get; set; } = string.Empty;
}
