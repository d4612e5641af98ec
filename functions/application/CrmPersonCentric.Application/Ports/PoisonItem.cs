namespace CrmPersonCentric.Application.Ports;

/// <summary>A payload that could not be processed, kept for replay.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Source">Where it came from: webhook, inbox or inbox-envelope (a whole queue message).</param>
/// <param name="Reason">Why it failed (no personal data).</param>
/// <param name="ReceivedOn">When it was kept.</param>
/// <param name="SizeExceeded">The webhook's size-exceeded flag, to replay it faithfully.</param>
public sealed record PoisonItem(string Id, string Source, string Reason, DateTimeOffset ReceivedOn, bool SizeExceeded);
