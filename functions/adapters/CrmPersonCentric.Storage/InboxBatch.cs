using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Storage;

/// <summary>Several deliveries stored together in one queue message.</summary>
/// <param name="Deliveries">The deliveries, in arrival order.</param>
public sealed record InboxBatch(IReadOnlyList<InboxMessage> Deliveries);
