using System.Collections.Immutable;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Dataverse.Webhook;

/// <summary>The intake's answer to a delivery.</summary>
/// <param name="Verdict">What became of it.</param>
/// <param name="Detail">The inbox id (accepted), the reason (malformed, rejected, unavailable) or the step's message (valid).</param>
/// <param name="Errors">For a rejection, each problem with the column it concerns.</param>
/// <param name="PoisonId">For a malformed body, the poison item that keeps it.</param>
public sealed record WebhookAcceptance(WebhookVerdict Verdict, string Detail, ImmutableArray<ValidationError> Errors, string? PoisonId);
