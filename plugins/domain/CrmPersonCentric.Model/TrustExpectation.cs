namespace CrmPersonCentric.Model;

/// <summary>A trust channel a persona expects its people to extend trust through.</summary>
/// <param name="Channel">One channel (a single flag of <see cref="TrustModes"/>).</param>
/// <param name="ExpectedShare">Expected share, in [0, 1], of the people with trust recorded who extend trust this way (a person may use several, so shares need not add up to 1).</param>
public sealed record TrustExpectation(TrustModes Channel, double ExpectedShare)
{
    /// <summary>The channels in a stable order.</summary>
    public static IReadOnlyList<TrustModes> Channels { get; } = [TrustModes.PeerReferral, TrustModes.Community, TrustModes.Content, TrustModes.SalesLed];

    /// <summary>The stable key ("peerReferral").</summary>
    public string Key => KeyOf(Channel);

    /// <summary>The stable key of a channel.</summary>
    public static string KeyOf(TrustModes channel) => channel switch
    {
        TrustModes.PeerReferral => "peerReferral",
        TrustModes.Community => "community",
        TrustModes.Content => "content",
        TrustModes.SalesLed => "salesLed",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Not a single trust channel."),
    };

    /// <summary>A label a marketing lead reads.</summary>
    public static string LabelOf(TrustModes channel) => channel switch
    {
        TrustModes.PeerReferral => "Peer referral",
        TrustModes.Community => "Community",
        TrustModes.Content => "Content",
        TrustModes.SalesLed => "Sales-led",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Not a single trust channel."),
    };

    /// <summary>Parses a channel key as files write it ("peerReferral", "peer-referral", "Sales led").</summary>
    public static bool TryParse(string? text, out TrustModes channel)
    {
        channel = TrustModes.None;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        return LetterFolding.TryParse(text, out channel) && Channels.Contains(channel);
    }

    /// <summary>True when the channel is peer-led (peer referral or community): trust through people, not through the vendor.</summary>
    public static bool IsPeerLed(TrustModes channel) => channel is TrustModes.PeerReferral or TrustModes.Community;
}
