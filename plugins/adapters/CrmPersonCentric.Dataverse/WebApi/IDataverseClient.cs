using System.Text.Json.Nodes;

namespace CrmPersonCentric.Dataverse.WebApi;

/// <summary>The Dataverse Web API operations the product uses.</summary>
public interface IDataverseClient
{
    /// <summary>Streams every row of a query, following @odata.nextLink page by page.</summary>
    IAsyncEnumerable<JsonObject> QueryAsync(string entitySet, ODataQuery query, CancellationToken cancellationToken = default);

    /// <summary>One row by id, or null when it does not exist.</summary>
    Task<JsonObject?> RetrieveAsync(string entitySet, Guid id, IReadOnlyList<string>? columns = null, CancellationToken cancellationToken = default);

    /// <summary>Creates a row; returns its id (from OData-EntityId).</summary>
    Task<Guid> CreateAsync(string entitySet, JsonObject row, CancellationToken cancellationToken = default);

    /// <summary>Updates columns of a row (PATCH, never creating); with an ETag, only if the row is unchanged.</summary>
    /// <exception cref="DataverseConcurrencyException">The ETag no longer matches.</exception>
    Task UpdateAsync(string entitySet, Guid id, JsonObject changes, string? etag = null, CancellationToken cancellationToken = default);

    /// <summary>Creates or updates the row with this alternate key; returns its id when the service tells it.</summary>
    Task<Guid?> UpsertAsync(string entitySet, IReadOnlyDictionary<string, object> alternateKey, JsonObject row, CancellationToken cancellationToken = default);

    /// <summary>Deletes a row; deleting a row that is already gone is not an error.</summary>
    Task DeleteAsync(string entitySet, Guid id, CancellationToken cancellationToken = default);

    /// <summary>Runs up to 1,000 operations in one $batch; with <paramref name="atomic"/>, in one changeset (all or nothing).</summary>
    Task<IReadOnlyList<BatchResponseItem>> ExecuteBatchAsync(IReadOnlyList<BatchOperation> operations, bool atomic = true, CancellationToken cancellationToken = default);

    /// <summary>Calls an action, unbound or bound to a row (e.g. SendEmail on an email).</summary>
    Task<JsonNode?> ExecuteActionAsync(string action, JsonObject parameters, string? boundEntitySet = null, Guid? boundId = null, CancellationToken cancellationToken = default);
}
