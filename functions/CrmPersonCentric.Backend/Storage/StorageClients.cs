using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CrmPersonCentric.Backend.Runtime;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Backend.Storage;

/// <summary>
/// The storage clients of the app: tables, the inbox queue and blob containers, from a connection string (Azurite)
/// or service URIs with a token credential (managed identity). Resources are created on first use.
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
    private readonly QueueServiceClient _queues;
    private readonly StorageOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _created;

    /// <summary>Creates the clients for the account of <paramref name="connection"/>, queue messages encoded as host.json says.</summary>
    public StorageClients(StorageConnection connection, IOptions<StorageOptions> options, QueueHostSettings queues, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(queues);
        _options = options.Value;
        // What the inbox sends must be what the host's queue trigger decodes (host.json extensions.queues.messageEncoding).
        var queueOptions = new QueueClientOptions { MessageEncoding = queues.IsBase64 ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None };
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
        MessageEncoding = queueOptions.MessageEncoding;
        if (connection.ConnectionString is { } connectionString)
        {
            _tables = new TableServiceClient(connectionString, tableOptions);
            _blobs = new BlobServiceClient(connectionString, blobOptions);
            _queues = new QueueServiceClient(connectionString, queueOptions);
        }
        else
        {
            credential ??= connection.CreateCredential();
            _tables = new TableServiceClient(connection.TableService!, credential, tableOptions);
            _blobs = new BlobServiceClient(connection.BlobService!, credential, blobOptions);
            _queues = new QueueServiceClient(connection.QueueService!, credential, queueOptions);
        }

        Inbox = _queues.GetQueueClient(_options.InboxQueue);
        InboxPoison = _queues.GetQueueClient(_options.InboxQueue + FunctionSettings.PoisonQueueSuffix);
    }

    /// <summary>How queue message text is encoded (from host.json).</summary>
    public QueueMessageEncoding MessageEncoding { get; }

    /// <summary>The queue the Functions host (and the standalone poller) moves an inbox message to after its last failed delivery.</summary>
    public QueueClient InboxPoison { get; }

    /// <summary>A queue of the account, with the same encoding.</summary>
    public QueueClient Queue(string name) => _queues.GetQueueClient(name);

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
                    .Append(InboxPoison.CreateIfNotExistsAsync(cancellationToken: cancellationToken))
                    .Concat(new[] { InboxContainer, PoisonContainer, ReportContainer }.Select(c => (Task)Container(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken)))).ConfigureAwait(false);

            _created = true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
