using System.Text.Json.Nodes;

namespace CrmPersonCentric.Testing;

/// <summary>One Web API request a component made, as <see cref="RecordingDataverse"/> saw it.</summary>
/// <param name="Method">GET, POST, PATCH or DELETE (a batch is recorded per operation; an action is a POST).</param>
/// <param name="EntitySet">The entity set addressed (for an unbound action: null).</param>
/// <param name="Body">The request body of a create, update or upsert.</param>
/// <param name="Expand">The $expand of a query or retrieve.</param>
/// <param name="Action">The action's name, for an action.</param>
/// <param name="IsUpsert">True when the PATCH may create the row (alternate key or upsert without If-Match).</param>
public sealed record DataverseCall(string Method, string? EntitySet, JsonObject? Body = null, string? Expand = null, string? Action = null, bool IsUpsert = false);
