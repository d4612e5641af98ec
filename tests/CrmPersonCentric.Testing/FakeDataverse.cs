using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using CrmPersonCentric.Dataverse.WebApi;

namespace CrmPersonCentric.Testing;

/// <summary>An in-memory stand-in for the Dataverse Web API: rows per entity set, upserts by alternate key.</summary>
public sealed class FakeDataverse : IDataverseClient
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, JsonObject>> _sets = new();

    public Func<string, Guid, Exception?>? RetrieveFault { get; set; }

    public ConcurrentBag<(string Set, Guid Id, JsonObject Changes)> Updates { get; } = [];

    public ConcurrentBag<(string Set, string Key)> Upserts { get; } = [];

    public ConcurrentDictionary<Guid, JsonObject> Set(string name) => _sets.GetOrAdd(name, _ => new());

    public Guid Add(string set, JsonObject row, Guid? id = null)
    {
        var key = id ?? Guid.NewGuid();
        Set(set)[key] = row;
        return key;
    }

    public async IAsyncEnumerable<JsonObject> QueryAsync(string entitySet, ODataQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var row in Set(entitySet).Values.ToList())
        {
            yield return (JsonObject)row.DeepClone();
        }
    }

    public Task<JsonObject?> RetrieveAsync(string entitySet, Guid id, IReadOnlyList<string>? columns = null, CancellationToken cancellationToken = default)
    {
        if (RetrieveFault?.Invoke(entitySet, id) is { } fault)
        {
            throw fault;
        }

        return Task.FromResult(Set(entitySet).TryGetValue(id, out var row) ? (JsonObject?)row.DeepClone() : null);
    }

    public Task<Guid> CreateAsync(string entitySet, JsonObject row, CancellationToken cancellationToken = default) => Task.FromResult(Add(entitySet, (JsonObject)row.DeepClone()));

    public Task UpdateAsync(string entitySet, Guid id, JsonObject changes, string? etag = null, CancellationToken cancellationToken = default)
    {
        Updates.Add((entitySet, id, (JsonObject)changes.DeepClone()));
        var row = Set(entitySet).GetOrAdd(id, _ => []);
        foreach (var (key, value) in changes)
        {
            row[key] = value?.DeepClone();
        }

        return Task.CompletedTask;
    }

    public Task<Guid?> UpsertAsync(string entitySet, IReadOnlyDictionary<string, object> alternateKey, JsonObject row, CancellationToken cancellationToken = default)
    {
        var (column, value) = alternateKey.Single();
        Upserts.Add((entitySet, (string)value));
        var set = Set(entitySet);
        var existing = set.FirstOrDefault(r => r.Value[column]?.GetValue<string>() == (string)value);
        var id = existing.Value is null ? Guid.NewGuid() : existing.Key;
        var target = existing.Value ?? new JsonObject { [column] = (string)value };
        foreach (var (key, node) in row)
        {
            target[key] = node?.DeepClone();
        }

        target[entitySet.TrimEnd('s') + "id"] = id.ToString("D");
        set[id] = target;
        return Task.FromResult<Guid?>(id);
    }

    public Task DeleteAsync(string entitySet, Guid id, CancellationToken cancellationToken = default)
    {
        Set(entitySet).TryRemove(id, out _);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<BatchResponseItem>> ExecuteBatchAsync(IReadOnlyList<BatchOperation> operations, bool atomic = true, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Not used by the backend.");

    public Task<JsonNode?> ExecuteActionAsync(string action, JsonObject parameters, string? boundEntitySet = null, Guid? boundId = null, CancellationToken cancellationToken = default)
    {
        Updates.Add((boundEntitySet ?? action, boundId ?? Guid.Empty, new JsonObject { ["action"] = action }));
        return Task.FromResult<JsonNode?>(null);
    }
}
