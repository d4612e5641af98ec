namespace CrmPersonCentric.Import.Documents;

/// <summary>The JSON shape of one behaviour expectation.</summary>
public sealed class BehaviourDocument
{
    /// <summary>communityContribution, referral, advocacy, eventAttendance, contentCoCreation or messagingResponse.</summary>
    public string? Type { get; set; }

    /// <summary>For messagingResponse, the layer 1–4.</summary>
    public int? Layer { get; set; }

    /// <summary>Expected share in [0, 1].</summary>
    public double? ExpectedShare { get; set; }

    /// <summary>Optional expected events per person per year.</summary>
    public double? ExpectedRatePerPersonYear { get; set; }
}
