using System.Text.Json.Nodes;

namespace CrmPersonCentric.Dataverse.WebApi;

/// <summary>One request inside a $batch.</summary>
/// <param name="Method">POST, PATCH, DELETE or GET.</param>
/// <param name="RelativeUrl">Relative to the Web API base, e.g. "contacts(…)".</param>
/// <param name="Body">JSON body, for POST and PATCH.</param>
/// <param name="IfMatch">Optional ETag precondition.</param>
public sealed record BatchOperation(string Method, string RelativeUrl, JsonObject? Body = null, string? IfMatch = null);
