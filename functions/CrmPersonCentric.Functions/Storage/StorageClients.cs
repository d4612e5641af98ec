using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Functions.Storage;

/// <summary>
/// The storage clients of the app: tables, the inbox queue and blob containers, from a connection string (Azurite)
/// or the account name with a token credential (managed identity). Resources are created on first use.
/// </summary>
public sealed class StorageClients : IDisposable
{
    /// <summary>Container for inbox bodies too large for a queue message.</summary>
    public const string InboxContainer = "cpc-inbox-bodies";

    /// <summary>Container for poisoned payloads.</summary>
    public const string PoisonContainer = "cpc-poison";

    /// <summary>Container for archived reports.</summary>
    public const string ReportContainer = "cpc-reports";

    private readonly TableServiceClient _tables;
    private readonly BlobServiceClient _blobs;
    private readonly StorageOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _created;

    /// <summary>Creates the clients.</summary>
    public StorageClients(IOptions<StorageOptions> options, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var retry = new Action<Azure.Core.ClientOptions>(o =>
        {
            o.Retry.MaxRetries = 2;
            o.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        });
        var tableOptions = new TableClientOptions();
        var blobOptions = new BlobClientOptions();
        retry(tableOptions);
        retry(blobOptions);
        retry(queueOptions);
        if (!string.IsNullOrWhiteSpace(_options.ConnectionString))
        {
            _tables = new TableServiceClient(_options.ConnectionString, tableOptions);
            _blobs = new BlobServiceClient(_options.ConnectionString, blobOptions);
            Inbox = new QueueClient(_options.ConnectionString, _options.InboxQueue, queueOptions);
        }
        else
        {
            var account = _options.AccountName;
            _tables = new TableServiceClient(new Uri($"https://{account}.table.core.windows.net"), credential, tableOptions);
            _blobs = new BlobServiceClient(new Uri($"https://{account}.blob.core.windows.net"), credential, blobOptions);
            Inbox = new QueueClient(new Uri($"https://{account}.queue.core.windows.net/{_options.InboxQueue}"), credential, queueOptions);
        }
    }

    /// <summary>The inbox queue.</summary>
    public QueueClient Inbox { get; }

    /// <summary>A table by its short name ("snapshots" → "cpcsnapshots").</summary>
    public TableClient Table(string name) => _tables.GetTableClient(_options.TablePrefix + name);

    /// <summary>A blob container.</summary>
    public BlobContainerClient Container(string name) => _blobs.GetBlobContainerClient(name);

    /// <summary>The table service (health checks).</summary>
    public TableServiceClient TableService => _tables;

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    /// <summary>Creates tables, queue and containers once per process.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        if (_created)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_created)
            {
                return;
            }

            await Task.WhenAll(
                TableNames.All.Select(t => (Task)Table(t).CreateIfNotExistsAsync(cancellationToken))
                    .Append(Inbox.CreateIfNotExistsAsync(cancellationToken: cancellationToken))
                    .Concat(new[] { InboxContainer, PoisonContainer, ReportContainer }.Select(c => (Task)Container(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken)))).ConfigureAwait(false);

            _created = true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
