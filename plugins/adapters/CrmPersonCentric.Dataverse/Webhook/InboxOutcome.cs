namespace CrmPersonCentric.Dataverse.Webhook;

/// <summary>How processing an inbox message ended.</summary>
public enum InboxOutcome
{
    /// <summary>The step ran (or had nothing to do).</summary>
    Completed,

    /// <summary>The payload was moved to the poison store with the reason.</summary>
    Poisoned,
}
