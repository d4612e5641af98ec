using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using CrmPersonCentric.Dataverse.WebApi;

namespace CrmPersonCentric.Testing;

/// <summary>Passes every call to an inner client and records what it asked of the Web API (see <see cref="DataverseCall"/>).</summary>
public sealed class RecordingDataverse(IDataverseClient inner) : IDataverseClient
{
    public ConcurrentQueue<DataverseCall> Calls { get; } = new();

    public async IAsyncEnumerable<JsonObject> QueryAsync(string entitySet, ODataQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        Calls.Enqueue(new("GET", entitySet, Expand: query.Expand));
        await foreach (var row in inner.QueryAsync(entitySet, query, cancellationToken).ConfigureAwait(false))
        {
            yield return row;
        }
    }

    public Task<JsonObject?> RetrieveAsync(string entitySet, Guid id, IReadOnlyList<string>? columns = null, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue(new("GET", entitySet));
        return inner.RetrieveAsync(entitySet, id, columns, cancellationToken);
    }

    public Task<Guid> CreateAsync(string entitySet, JsonObject row, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue(new("POST", entitySet, (JsonObject)row.DeepClone()));
        return inner.CreateAsync(entitySet, row, cancellationToken);
    }

    public Task UpdateAsync(string entitySet, Guid id, JsonObject changes, string? etag = null, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue(new("PATCH", entitySet, (JsonObject)changes.DeepClone()));
        return inner.UpdateAsync(entitySet, id, changes, etag, cancellationToken);
    }

    public Task<Guid?> UpsertAsync(string entitySet, IReadOnlyDictionary<string, object> alternateKey, JsonObject row, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue(new("PATCH", entitySet, (JsonObject)row.DeepClone(), IsUpsert: true));
        return inner.UpsertAsync(entitySet, alternateKey, row, cancellationToken);
    }

    public Task DeleteAsync(string entitySet, Guid id, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue(new("DELETE", entitySet));
        return inner.DeleteAsync(entitySet, id, cancellationToken);
    }

    public Task<IReadOnlyList<BatchResponseItem>> ExecuteBatchAsync(IReadOnlyList<BatchOperation> operations, bool atomic = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operations);
        foreach (var operation in operations)
        {
            var open = operation.RelativeUrl.IndexOf('(', StringComparison.Ordinal);
            var set = open < 0 ? operation.RelativeUrl : operation.RelativeUrl[..open];
            var key = open < 0 ? string.Empty : operation.RelativeUrl[(open + 1)..^1];

            // PATCH by id with If-Match is an update only; PATCH by alternate key (or without If-Match) may create.
            var upsert = operation.Method == "PATCH" && (!Guid.TryParse(key, out _) || operation.IfMatch is null);
            Calls.Enqueue(new(operation.Method, set, (JsonObject?)operation.Body?.DeepClone(), IsUpsert: upsert));
        }

        return inner.ExecuteBatchAsync(operations, atomic, cancellationToken);
    }

    public Task<JsonNode?> ExecuteActionAsync(string action, JsonObject parameters, string? boundEntitySet = null, Guid? boundId = null, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue(new("POST", boundEntitySet, (JsonObject)parameters.DeepClone(), Action: action));
        return inner.ExecuteActionAsync(action, parameters, boundEntitySet, boundId, cancellationToken);
    }
}
