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

    /// <summary>The queries asked, with their entity set, in order.</summary>
    public ConcurrentQueue<(string Set, ODataQuery Query)> Queries { get; } = new();

    public async IAsyncEnumerable<JsonObject> QueryAsync(string entitySet, ODataQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Queries.Enqueue((entitySet, query));
        await Task.Yield();
        var matches = Matcher(query.Filter);
        foreach (var row in Set(entitySet).Values.ToList())
        {
            if (matches(row))
            {
                yield return (JsonObject)row.DeepClone();
            }
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

    /// <summary>When set and it returns an exception for (set, id), updates of that row throw it (in a $batch too).</summary>
    public Func<string, Guid, Exception?>? UpdateFault { get; set; }

    public Task UpdateAsync(string entitySet, Guid id, JsonObject changes, string? etag = null, CancellationToken cancellationToken = default)
    {
        if (UpdateFault?.Invoke(entitySet, id) is { } fault)
        {
            throw fault;
        }

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

    /// <summary>Every $batch request, in order, with its operations.</summary>
    public ConcurrentQueue<IReadOnlyList<BatchOperation>> Batches { get; } = new();

    /// <summary>
    /// Applies each operation as the Web API would: PATCH of <c>set(guid)</c> updates (If-Match *: only an existing row),
    /// PATCH of <c>set(column='value')</c> upserts by that alternate key, DELETE deletes.
    /// </summary>
    public async Task<IReadOnlyList<BatchResponseItem>> ExecuteBatchAsync(IReadOnlyList<BatchOperation> operations, bool atomic = true, CancellationToken cancellationToken = default)
    {
        Batches.Enqueue(operations);
        var items = new List<BatchResponseItem>();
        foreach (var operation in operations)
        {
            var open = operation.RelativeUrl.IndexOf('(', StringComparison.Ordinal);
            var set = operation.RelativeUrl[..open];
            var key = Uri.UnescapeDataString(operation.RelativeUrl[(open + 1)..^1]);
            if (Guid.TryParse(key, out var id))
            {
                if (operation.Method == "DELETE")
                {
                    await DeleteAsync(set, id, cancellationToken);
                }
                else
                {
                    await UpdateAsync(set, id, operation.Body!, operation.IfMatch, cancellationToken);
                }

                items.Add(new BatchResponseItem(null, System.Net.HttpStatusCode.NoContent, null, null));
                continue;
            }

            var equals = key.IndexOf('=', StringComparison.Ordinal);
            var column = key[..equals];
            var value = key[(equals + 1)..].Trim('\'').Replace("''", "'", StringComparison.Ordinal);
            var created = await UpsertAsync(set, new Dictionary<string, object> { [column] = value }, operation.Body!, cancellationToken);
            items.Add(new BatchResponseItem(null, System.Net.HttpStatusCode.NoContent, null, created?.ToString("D")));
        }

        return items;
    }

    public Task<JsonNode?> ExecuteActionAsync(string action, JsonObject parameters, string? boundEntitySet = null, Guid? boundId = null, CancellationToken cancellationToken = default)
    {
        Updates.Add((boundEntitySet ?? action, boundId ?? Guid.Empty, new JsonObject { ["action"] = action }));
        return Task.FromResult<JsonNode?>(null);
    }

    /// <summary>
    /// The subset of $filter the backend sends: clauses <c>column eq literal</c>, <c>column ne literal</c> and
    /// <c>column ge date</c> joined by <c>and</c>. A column the row lacks counts as null; statecode defaults to 0 (active).
    /// A left side that is not a column name is refused, as Dataverse refuses it; any other form matches every row.
    /// </summary>
    private static Func<JsonObject, bool> Matcher(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return _ => true;
        }

        var clauses = new List<Func<JsonObject, bool>>();
        foreach (var clause in filter.Split(" and ", StringSplitOptions.TrimEntries))
        {
            var parts = clause.Split(' ', 3, StringSplitOptions.TrimEntries);
            if (parts.Length == 3 && parts[1] is "ge" && System.Text.RegularExpressions.Regex.IsMatch(parts[0], "^_?[a-z][a-z0-9_]*$"))
            {
                var (since, name) = (DateTimeOffset.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), parts[0]);
                clauses.Add(row => row[name]?.ToString() is { } text && DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture) >= since);
                continue;
            }

            if (parts.Length != 3 || parts[1] is not ("eq" or "ne"))
            {
                return _ => true;
            }

            var (column, negate, literal) = (parts[0], parts[1] == "ne", parts[2].Trim('\''));
            if (!System.Text.RegularExpressions.Regex.IsMatch(column, "^_?[a-z][a-z0-9_]*$"))
            {
                // Dataverse answers 400 for a filter whose left side is not a column (a quoted name, say).
                throw new InvalidOperationException($"$filter: {column} is not a column name ({filter}).");
            }

            clauses.Add(row =>
            {
                var value = row[column]?.ToString() ?? (column == "statecode" ? "0" : null);
                var equal = literal == "null" ? value is null : string.Equals(value, literal, StringComparison.OrdinalIgnoreCase);
                return equal != negate;
            });
        }

        return row => clauses.All(c => c(row));
    }
}
