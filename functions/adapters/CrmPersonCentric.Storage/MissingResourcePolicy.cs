using Azure.Core;
using Azure.Core.Pipeline;

namespace CrmPersonCentric.Storage;

/// <summary>
/// Heals a storage resource of ours that disappeared under the running app (a re-provisioned account, a deleted queue,
/// an emulator restart): a request that fails because its table, queue or container does not exist has that resource
/// recreated once and is sent once more. Only the app's own resources are recreated, never on a request that deletes
/// the resource itself, and concurrent failures of one resource share one recreation. Anything else (an outage, a
/// missing role, a resource that is still being deleted) comes back to the caller unchanged.
/// </summary>
/// <remarks>
/// Each failing request is seen here, below the SDK's own retries, so every store is covered without code of its own:
/// the table service answers <c>TableNotFound</c> (inside a 202 multipart body for an entity group transaction), the
/// queue service <c>QueueNotFound</c>, the blob service <c>ContainerNotFound</c>.
/// </remarks>
internal sealed class MissingResourcePolicy(StorageResourceKind kind, Func<StorageResource, bool> isOurs, Func<IReadOnlyList<StorageResource>, CancellationToken, Task> recreate) : HttpPipelinePolicy
{
    private static readonly Dictionary<StorageResourceKind, string> NotFoundCodes = new()
    {
        [StorageResourceKind.Table] = "TableNotFound",
        [StorageResourceKind.Queue] = "QueueNotFound",
        [StorageResourceKind.Container] = "ContainerNotFound",
    };

    /// <summary>Every table of ours: an entity group transaction does not say which of its tables is missing.</summary>
    public Func<IReadOnlyList<StorageResource>>? AllTables { get; init; }

    /// <inheritdoc />
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        // The app calls storage asynchronously only; a synchronous call is passed through as it is.
        ProcessNext(message, pipeline);

    /// <inheritdoc />
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        var missing = Missing(message);
        if (missing.Count == 0)
        {
            return;
        }

        await recreate(missing, message.CancellationToken).ConfigureAwait(false);
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
    }

    private List<StorageResource> Missing(HttpMessage message)
    {
        var response = message.Response;
        var code = NotFoundCodes[kind];
        var path = message.Request.Uri.Path;
        if (kind == StorageResourceKind.Table && path.EndsWith("$batch", StringComparison.Ordinal))
        {
            return response.Status == 202 && AllTables is not null && response.Content.ToString().Contains('"' + code + '"', StringComparison.Ordinal)
                ? [.. AllTables()]
                : [];
        }

        if (response.Status != 404 || !response.Headers.TryGetValue("x-ms-error-code", out var error) || !string.Equals(error, code, StringComparison.Ordinal))
        {
            return [];
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < segments.Length; i++)
        {
            var name = Uri.UnescapeDataString(segments[i].Split('(', 2)[0]);
            var resource = new StorageResource(kind, name);
            if (name.Length == 0 || !isOurs(resource))
            {
                continue;
            }

            // A request that deletes the resource itself found it gone already: nothing to heal.
            var deletesIt = message.Request.Method == RequestMethod.Delete && i == segments.Length - 1;
            return deletesIt ? [] : [resource];
        }

        return [];
    }
}
