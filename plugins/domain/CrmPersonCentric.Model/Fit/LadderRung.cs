namespace CrmPersonCentric.Model.Fit;

/// <summary>One rung of a person's messaging ladder.</summary>
/// <param name="Layer">The layer.</param>
/// <param name="Message">The persona's message for layers 1–3; the person's own deep desire for layer 4.</param>
/// <param name="ReachedByPersona">True when the persona's live messaging reaches this layer.</param>
/// <param name="IsPersonal">True for the rung that comes from the person rather than the persona.</param>
public sealed record LadderRung(MessagingLayer Layer, string? Message, bool ReachedByPersona, bool IsPersonal);
