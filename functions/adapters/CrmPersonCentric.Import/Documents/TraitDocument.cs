namespace CrmPersonCentric.Import.Documents;

/// <summary>The JSON shape of one declared trait.</summary>
public sealed class TraitDocument
{
    /// <summary>The trait as text or key ("Fear of missing quota" and "missing-quota" both work).</summary>
    public string? Trait { get; set; }

    /// <summary>Expected prevalence in (0, 1].</summary>
    public double? ExpectedPrevalence { get; set; }
}
