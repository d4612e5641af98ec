namespace CrmPersonCentric.Dataverse.Webhook;

/// <summary>One webhook delivery as it arrived.</summary>
/// <param name="Body">The raw RemoteExecutionContext JSON.</param>
/// <param name="SizeExceeded">Dataverse marked the body as cut for size (x-ms-dynamics-msg-size-exceeded).</param>
public sealed record WebhookDelivery(string Body, bool SizeExceeded);
