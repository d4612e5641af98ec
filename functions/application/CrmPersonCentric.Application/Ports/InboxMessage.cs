namespace CrmPersonCentric.Application.Ports;

/// <summary>What the inbox queue carries for one webhook delivery.</summary>
/// <param name="Id">Our id of the delivery.</param>
/// <param name="ReceivedOn">When it arrived.</param>
/// <param name="SizeExceeded">Dataverse marked the body as cut (x-ms-dynamics-msg-size-exceeded).</param>
/// <param name="Body">The raw body, when it fits in a queue message.</param>
/// <param name="BlobName">Otherwise, the blob that holds it.</param>
public sealed record InboxMessage(string Id, DateTimeOffset ReceivedOn, bool SizeExceeded, string? Body, string? BlobName);
