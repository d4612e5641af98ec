namespace CrmPersonCentric.Model.Signals;

/// <summary>A field of a signal; each door names it its own way (a CSV header, a JSON property, a Dataverse column).</summary>
public enum SignalField
{
    /// <summary>The signal's id.</summary>
    SignalId,

    /// <summary>The contact.</summary>
    ContactId,

    /// <summary>The behaviour type.</summary>
    Type,

    /// <summary>When it happened.</summary>
    OccurredOn,

    /// <summary>The theme.</summary>
    Theme,

    /// <summary>The messaging layer.</summary>
    Layer,

    /// <summary>The recording function.</summary>
    Source,

    /// <summary>The referred contact.</summary>
    RelatedContactId,
}
