using Azure.Data.Tables;
using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Storage;

/// <summary>The suppressions table: keys of suggestions a marketing lead rejected, with the time they expire.</summary>
public sealed class SuppressionStore(StorageClients storage, TimeProvider time) : ISuggestionSuppressions
{
    private const string Partition = "suggestion";

    private TableClient Suppressions => storage.Table(TableNames.Suppressions);

    /// <inheritdoc />
    public async Task SuppressAsync(string suggestionKey, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(suggestionKey);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await Suppressions.UpsertEntityAsync(new TableEntity(Partition, TableKeys.Encode(suggestionKey)) { ["Key"] = suggestionKey, ["Until"] = until }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlySet<string>> SuppressedKeysAsync(CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in Suppressions.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Until gt {now}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            keys.Add(row.GetString("Key"));
        }

        return keys;
    }
}
