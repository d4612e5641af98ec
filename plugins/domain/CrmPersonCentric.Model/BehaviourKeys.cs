namespace CrmPersonCentric.Model;

/// <summary>Stable keys and slot numbers for behaviours (messaging responses are split by layer).</summary>
public static class BehaviourKeys
{
    /// <summary>Number of behaviour slots: five plain behaviours plus messaging responses at four layers.</summary>
    public const int SlotCount = 9;

    /// <summary>Where a send (<see cref="BehaviourType.MessageSent"/>) goes in a behaviour summary: after the behaviour slots, since it is none.</summary>
    public const int ExposureSlot = SlotCount;

    /// <summary>The slot of a behaviour, 0..8; messaging responses without a layer, and sends (exposure, not behaviour), have no slot (-1).</summary>
    public static int Slot(BehaviourType type, MessagingLayer? layer) => type switch
    {
        BehaviourType.MessagingResponse => layer is { } l ? 4 + (int)l : -1,
        BehaviourType.MessageSent => -1,
        _ => (int)type,
    };

    /// <summary>The slot a signal takes in a behaviour summary: its behaviour slot, or <see cref="ExposureSlot"/> for a send.</summary>
    public static int SummarySlot(BehaviourType type, MessagingLayer? layer) =>
        type == BehaviourType.MessageSent ? ExposureSlot : Slot(type, layer);

    /// <summary>The behaviour and layer of a slot.</summary>
    public static (BehaviourType Type, MessagingLayer? Layer) FromSlot(int slot) =>
        slot switch
        {
            >= 0 and <= 4 => ((BehaviourType)slot, null),
            >= 5 and <= 8 => (BehaviourType.MessagingResponse, (MessagingLayer)(slot - 4)),
            _ => throw new ArgumentOutOfRangeException(nameof(slot), slot, "Behaviour slots are 0..8."),
        };

    /// <summary>A short, stable key such as "referral" or "messagingresponse-l4".</summary>
    public static string For(BehaviourType type, MessagingLayer? layer) =>
        type == BehaviourType.MessagingResponse && layer is { } l
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"messagingresponse-l{(int)l}")
            : type.ToString().ToLowerInvariant();

    /// <summary>A label a marketing lead reads.</summary>
    public static string DisplayName(BehaviourType type, MessagingLayer? layer) => type switch
    {
        BehaviourType.CommunityContribution => "Community contribution",
        BehaviourType.Referral => "Referral",
        BehaviourType.Advocacy => "Advocacy",
        BehaviourType.EventAttendance => "Event attendance",
        BehaviourType.ContentCoCreation => "Content co-creation",
        BehaviourType.MessageSent => "Message sent",
        BehaviourType.MessagingResponse when layer is { } l =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Response to layer {(int)l} messaging"),
        _ => "Response to messaging",
    };
}
