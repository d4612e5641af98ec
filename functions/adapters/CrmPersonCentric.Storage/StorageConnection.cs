using Microsoft.Extensions.Configuration;

namespace CrmPersonCentric.Storage;

/// <summary>
/// The storage account of the backend, read from the same setting the Functions host uses (<c>AzureWebJobsStorage</c>),
/// so the host's queue trigger and the backend's own queue, table and blob clients always reach the same account:
/// either a connection string (Azurite, development) or, in Azure, the identity-based form
/// <c>AzureWebJobsStorage__accountName</c> (or explicit <c>__blobServiceUri</c>, <c>__queueServiceUri</c>,
/// <c>__tableServiceUri</c>), reached with the app's managed identity.
/// </summary>
public sealed record StorageConnection(string? ConnectionString, Uri? BlobService, Uri? QueueService, Uri? TableService)
{
    /// <summary>The identity-based form's <c>credential</c> setting (<c>managedidentity</c>, as the host reads it).</summary>
    public string? Credential { get; init; }

    /// <summary>The identity-based form's <c>clientId</c> setting: a user-assigned managed identity.</summary>
    public string? ClientId { get; init; }

    /// <summary>
    /// The credential for an identity-based connection, from the connection's own settings as the host reads them:
    /// the managed identity (user-assigned with <c>clientId</c>) when <c>credential</c> is managedidentity, otherwise the
    /// default chain (environment, workload identity, managed identity, developer sign-in). Never the Dataverse
    /// credential: the two may be different identities.
    /// </summary>
    public Azure.Core.TokenCredential CreateCredential() =>
        string.Equals(Credential, "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new Azure.Identity.ManagedIdentityCredential(string.IsNullOrWhiteSpace(ClientId) ? Azure.Identity.ManagedIdentityId.SystemAssigned : Azure.Identity.ManagedIdentityId.FromUserAssignedClientId(ClientId))
            : new Azure.Identity.DefaultAzureCredential(new Azure.Identity.DefaultAzureCredentialOptions { ManagedIdentityClientId = string.IsNullOrWhiteSpace(ClientId) ? null : ClientId });

    /// <summary>True when the account is reached with a token credential.</summary>
    public bool IsIdentityBased => ConnectionString is null;

    /// <summary>Reads the connection named <paramref name="name"/>; null when it is not configured.</summary>
    /// <exception cref="InvalidOperationException">An identity-based connection is only partly configured; the message names the setting.</exception>
    public static StorageConnection? From(IConfiguration configuration, string name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (configuration[name] is { Length: > 0 } connectionString)
        {
            return new StorageConnection(connectionString, null, null, null);
        }

        var section = configuration.GetSection(name);
        var account = section["accountName"];
        Uri? Service(string key, string service) =>
            section[key] is { Length: > 0 } uri ? new Uri(uri) : account is { Length: > 0 } ? new Uri($"https://{account}.{service}.core.windows.net") : null;
        var (blob, queue, table) = (Service("blobServiceUri", "blob"), Service("queueServiceUri", "queue"), Service("tableServiceUri", "table"));
        if (blob is null && queue is null && table is null)
        {
            return null;
        }

        return blob is not null && queue is not null && table is not null
            ? new StorageConnection(null, blob, queue, table) { Credential = section["credential"], ClientId = section["clientId"] }
            : throw new InvalidOperationException($"Set {name}__accountName, or all of {name}__blobServiceUri, {name}__queueServiceUri and {name}__tableServiceUri: the backend uses blobs, queues and tables.");
    }
}
