namespace CrmPersonCentric.Import.Documents;

/// <summary>The JSON shape of one expected trust channel.</summary>
public sealed class TrustChannelDocument
{
    /// <summary>peerReferral, community, content or salesLed.</summary>
    public string? Channel { get; set; }

    /// <summary>Expected share in [0, 1] of the people with trust recorded who extend trust this way.</summary>
    public double? ExpectedShare { get; set; }
}
