using System.Net;

namespace CrmPersonCentric.Dataverse.WebApi;

/// <summary>The response of one request inside a $batch.</summary>
/// <param name="ContentId">The Content-ID of the request, when it had one.</param>
/// <param name="Status">The HTTP status.</param>
/// <param name="EntityId">The OData-EntityId header, when present.</param>
/// <param name="Body">The body, when present.</param>
public sealed record BatchResponseItem(string? ContentId, HttpStatusCode Status, Uri? EntityId, string? Body);
