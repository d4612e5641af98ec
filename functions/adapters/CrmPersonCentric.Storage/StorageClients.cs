using System.Collections.Concurrent;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Storage;

/// <summary>
/// The storage clients of the app: tables, the inbox queue and blob containers, from a connection string (Azurite)
/// or service URIs with a token credential (managed identity). Resources are created on first use, and one that
/// disappears under the running app is recreated by the request that finds it missing (<see cref="MissingResourcePolicy"/>).
/// </summary>
public sealed partial class StorageClients : IDisposable
{
    /// <summary>Container for inbox bodies too large for a queue message.</summary>
    public const string InboxContainer = "cpc-inbox-bodies";

    /// <summary>Container for poisoned payloads.</summary>
    public const string PoisonContainer = "cpc-poison";

    /// <summary>Container for archived reports.</summary>
    public const string ReportContainer = "cpc-reports";

    /// <summary>What the names of the app's containers start with.</summary>
    private const string ContainerPrefix = "cpc-";

    private readonly TableServiceClient _tables;
    private readonly BlobServiceClient _blobs;
    private readonly QueueServiceClient _queues;
    private readonly StorageOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<StorageResource, Lazy<Task>> _recreating = new();
    private readonly ILogger _logger;
    private volatile bool _created;

    /// <summary>Creates the clients for the account of <paramref name="connection"/>, queue messages encoded as host.json says.</summary>
    public StorageClients(StorageConnection connection, IOptions<StorageOptions> options, QueueHostSettings queues, TokenCredential? credential = null, ILogger<StorageClients>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(queues);
        _options = options.Value;
        _logger = logger ?? NullLogger<StorageClients>.Instance;
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
        tableOptions.AddPolicy(new MissingResourcePolicy(StorageResourceKind.Table, IsOurs, RecreateAsync) { AllTables = () => [.. Resources.Where(r => r.Kind == StorageResourceKind.Table)] }, HttpPipelinePosition.PerCall);
        queueOptions.AddPolicy(new MissingResourcePolicy(StorageResourceKind.Queue, IsOurs, RecreateAsync), HttpPipelinePosition.PerCall);
        blobOptions.AddPolicy(new MissingResourcePolicy(StorageResourceKind.Container, IsOurs, RecreateAsync), HttpPipelinePosition.PerCall);
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
        InboxPoison = _queues.GetQueueClient(_options.InboxQueue + StorageOptions.PoisonQueueSuffix);
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

            await Task.WhenAll(Resources.Select(r => CreateAsync(r, cancellationToken))).ConfigureAwait(false);
            _created = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Every table, queue and container the app owns, by full name.</summary>
    public IReadOnlyList<StorageResource> Resources =>
    [
        .. TableNames.All.Select(t => new StorageResource(StorageResourceKind.Table, _options.TablePrefix + t)),
        new(StorageResourceKind.Queue, Inbox.Name),
        new(StorageResourceKind.Queue, InboxPoison.Name),
        .. new[] { InboxContainer, PoisonContainer, ReportContainer }.Select(c => new StorageResource(StorageResourceKind.Container, c)),
    ];

    /// <summary>
    /// Recreates resources of ours found missing: concurrent requests that found the same one missing share one
    /// creation. A creation that fails (storage still down, the resource still being deleted) is not remembered, so the
    /// next failure tries again.
    /// </summary>
    public async Task RecreateAsync(IReadOnlyList<StorageResource> resources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resources);
        await Task.WhenAll(resources.Select(async resource =>
        {
            var creation = _recreating.GetOrAdd(resource, r => new Lazy<Task>(() => RecreateOneAsync(r)));
            try
            {
                await creation.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _recreating.TryRemove(KeyValuePair.Create(resource, creation));
            }
        })).ConfigureAwait(false);
    }

    private async Task RecreateOneAsync(StorageResource resource)
    {
        await CreateAsync(resource, CancellationToken.None).ConfigureAwait(false);
        LogRecreated(_logger, resource.Kind.ToString(), resource.Name);
    }

    /// <summary>
    /// The app's resources that do not exist now: three listing round trips (tables by prefix, queues by the inbox's
    /// name, containers by their common prefix), whatever else the account holds.
    /// </summary>
    public async Task<IReadOnlyList<StorageResource>> MissingResourcesAsync(CancellationToken cancellationToken = default)
    {
        var prefix = _options.TablePrefix;
        var tables = ListAsync(_tables.QueryAsync(TableClient.CreateQueryFilter($"TableName ge {prefix} and TableName lt {prefix + "~"}"), cancellationToken: cancellationToken).Select(t => t.Name), cancellationToken);
        var queues = ListAsync(_queues.GetQueuesAsync(prefix: Inbox.Name, cancellationToken: cancellationToken).Select(q => q.Name), cancellationToken);
        var containers = ListAsync(_blobs.GetBlobContainersAsync(prefix: ContainerPrefix, cancellationToken: cancellationToken).Select(c => c.Name), cancellationToken);
        await Task.WhenAll(tables, queues, containers).ConfigureAwait(false);
        var present = new Dictionary<StorageResourceKind, HashSet<string>>
        {
            [StorageResourceKind.Table] = await tables.ConfigureAwait(false),
            [StorageResourceKind.Queue] = await queues.ConfigureAwait(false),
            [StorageResourceKind.Container] = await containers.ConfigureAwait(false),
        };
        return [.. Resources.Where(r => !present[r.Kind].Contains(r.Name))];
    }

    private static async Task<HashSet<string>> ListAsync(IAsyncEnumerable<string> names, CancellationToken cancellationToken)
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var name in names.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            set.Add(name);
        }

        return set;
    }

    private bool IsOurs(StorageResource resource) =>
        Resources.Any(r => r.Kind == resource.Kind && string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase));

    private Task CreateAsync(StorageResource resource, CancellationToken cancellationToken) => resource.Kind switch
    {
        StorageResourceKind.Table => _tables.CreateTableIfNotExistsAsync(resource.Name, cancellationToken),
        StorageResourceKind.Queue => _queues.GetQueueClient(resource.Name).CreateIfNotExistsAsync(cancellationToken: cancellationToken),
        _ => _blobs.GetBlobContainerClient(resource.Name).CreateIfNotExistsAsync(cancellationToken: cancellationToken),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage {Kind} {Name} was missing and has been recreated")]
    private static partial void LogRecreated(ILogger logger, string kind, string name);
}
