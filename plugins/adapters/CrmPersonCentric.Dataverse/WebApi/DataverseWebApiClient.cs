using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Core;
using Polly;

namespace CrmPersonCentric.Dataverse.WebApi;

/// <summary>
/// The Dataverse Web API over HTTP (OData v4): bearer token from a <see cref="TokenCredential"/>, service
/// protection honoured (Retry-After on 429, back-off on 502/503/504 and timeouts, bounded concurrency), errors as
/// <see cref="DataverseException"/> with status, Dataverse error code and request id. Thread-safe.
/// </summary>
public sealed partial class DataverseWebApiClient : IDataverseClient, IDisposable
{
    private const string AnnotationsPreference = "odata.include-annotations=\"*\"";
    private readonly HttpClient _http;
    private readonly TokenCredential _credential;
    private readonly DataverseOptions _options;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly SemaphoreSlim _concurrency;
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private AccessToken _token;

    /// <summary>Creates the client over an HTTP client (its base address is set from the options).</summary>
    public DataverseWebApiClient(HttpClient http, TokenCredential credential, DataverseOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _http.BaseAddress = options.BaseAddress;
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _credential = credential;
        _options = options;
        _concurrency = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        _pipeline = DataverseResilience.Create(options, timeProvider ?? TimeProvider.System);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<JsonObject> QueryAsync(string entitySet, ODataQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entitySet);
        ArgumentNullException.ThrowIfNull(query);
        var preferences = new List<string> { "odata.maxpagesize=" + (query.PageSize ?? _options.PageSize).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (query.IncludeAnnotations)
        {
            preferences.Add(AnnotationsPreference);
        }

        string? next = entitySet + query.ToQueryString();
        while (next is not null)
        {
            var url = next;
            var page = await SendForJsonAsync(() => Request(HttpMethod.Get, url, preferences: preferences), cancellationToken).ConfigureAwait(false)
                ?? throw new DataverseException(HttpStatusCode.OK, null, "A query page had no body.", null);
            if (page["value"] is JsonArray rows)
            {
                foreach (var row in rows)
                {
                    if (row is JsonObject item)
                    {
                        yield return (JsonObject)item.DeepClone();
                    }
                }
            }

            next = page["@odata.nextLink"]?.GetValue<string>();
        }
    }

    /// <inheritdoc />
    public async Task<JsonObject?> RetrieveAsync(string entitySet, Guid id, IReadOnlyList<string>? columns = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entitySet);
        var url = $"{entitySet}({id:D})" + new ODataQuery { Select = columns ?? [] }.ToQueryString();
        try
        {
            return await SendForJsonAsync(() => Request(HttpMethod.Get, url, preferences: [AnnotationsPreference]), cancellationToken).ConfigureAwait(false);
        }
        catch (DataverseException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<Guid> CreateAsync(string entitySet, JsonObject row, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entitySet);
        ArgumentNullException.ThrowIfNull(row);
        using var response = await SendAsync(() => Request(HttpMethod.Post, entitySet, row), cancellationToken, nonIdempotent: true).ConfigureAwait(false);
        return IdFromEntityHeader(response) ?? throw new DataverseException(response.StatusCode, null, "The create response had no OData-EntityId header.", RequestId(response));
    }

    /// <inheritdoc />
    public async Task UpdateAsync(string entitySet, Guid id, JsonObject changes, string? etag = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entitySet);
        ArgumentNullException.ThrowIfNull(changes);
        using var response = await SendAsync(() =>
        {
            var request = Request(HttpMethod.Patch, $"{entitySet}({id:D})", changes);
            // If-Match: * makes PATCH update-only (no accidental create); a real ETag adds optimistic concurrency.
            request.Headers.TryAddWithoutValidation("If-Match", etag ?? "*");
            return request;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<Guid?> UpsertAsync(string entitySet, IReadOnlyDictionary<string, object> alternateKey, JsonObject row, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entitySet);
        ArgumentNullException.ThrowIfNull(alternateKey);
        ArgumentNullException.ThrowIfNull(row);
        var path = ODataLiteral.AlternateKeyPath(entitySet, alternateKey);
        using var response = await SendAsync(() => Request(HttpMethod.Patch, path, row), cancellationToken).ConfigureAwait(false);
        return IdFromEntityHeader(response);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string entitySet, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entitySet);
        try
        {
            using var response = await SendAsync(() => Request(HttpMethod.Delete, $"{entitySet}({id:D})"), cancellationToken).ConfigureAwait(false);
        }
        catch (DataverseException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            // Already gone: deleting is idempotent.
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BatchResponseItem>> ExecuteBatchAsync(IReadOnlyList<BatchOperation> operations, bool atomic = true, CancellationToken cancellationToken = default)
    {
        var (body, boundary) = BatchWire.Write(operations, _options.BaseAddress, atomic);
        using var response = await SendAsync(() =>
        {
            var request = Request(HttpMethod.Post, "$batch");
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/mixed; boundary=" + boundary);
            return request;
        }, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var responseBoundary = BatchWire.BoundaryOf(response.Content.Headers.ContentType?.ToString())
            ?? throw new DataverseException(response.StatusCode, null, "The $batch response has no multipart boundary.", RequestId(response));
        var items = BatchWire.Read(text, responseBoundary);
        var failed = items.FirstOrDefault(i => (int)i.Status >= 400);
        if (failed is not null)
        {
            var (code, message) = ParseError(failed.Body);
            throw failed.Status == HttpStatusCode.PreconditionFailed
                ? new DataverseConcurrencyException(code, message ?? "A batch operation's precondition failed.", RequestId(response))
                : new DataverseException(failed.Status, code, message ?? "A batch operation failed.", RequestId(response));
        }

        return items;
    }

    /// <inheritdoc />
    public async Task<JsonNode?> ExecuteActionAsync(string action, JsonObject parameters, string? boundEntitySet = null, Guid? boundId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentNullException.ThrowIfNull(parameters);
        var url = boundEntitySet is null ? action : $"{boundEntitySet}({boundId:D})/Microsoft.Dynamics.CRM.{action}";
        return await SendForJsonAsync(() => Request(HttpMethod.Post, url, parameters), cancellationToken, nonIdempotent: true).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _concurrency.Dispose();
        _tokenLock.Dispose();
    }
}
