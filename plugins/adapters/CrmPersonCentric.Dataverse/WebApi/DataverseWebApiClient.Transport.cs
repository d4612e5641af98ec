using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core;

namespace CrmPersonCentric.Dataverse.WebApi;

public sealed partial class DataverseWebApiClient
{
    private static HttpRequestMessage Request(HttpMethod method, string url, JsonObject? body = null, IReadOnlyList<string>? preferences = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Add("OData-MaxVersion", "4.0");
        request.Headers.Add("OData-Version", "4.0");
        foreach (var preference in preferences ?? [])
        {
            request.Headers.TryAddWithoutValidation("Prefer", preference);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return request;
    }

    private async Task<JsonObject?> SendForJsonAsync(Func<HttpRequestMessage> factory, CancellationToken cancellationToken, bool nonIdempotent = false)
    {
        using var response = await SendAsync(factory, cancellationToken, nonIdempotent).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return null;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException ex)
        {
            throw new DataverseException(response.StatusCode, null, "The response body is not JSON.", RequestId(response), ex);
        }
    }

    /// <summary>
    /// Sends with auth, retries and the concurrency bound; returns a success response or throws. A non-idempotent
    /// request (a create or an action, which may have taken effect before a timeout or a 5xx) is retried only on 429.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> factory, CancellationToken cancellationToken, bool nonIdempotent = false)
    {
        await _concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            HttpResponseMessage response;
            var context = Polly.ResilienceContextPool.Shared.Get(cancellationToken);
            try
            {
                context.Properties.Set(DataverseResilience.NonIdempotent, nonIdempotent);
                response = await _pipeline.ExecuteAsync(
                    async (ctx, state) =>
                    {
                        using var request = state();
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(ctx.CancellationToken).ConfigureAwait(false));
                        return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ctx.CancellationToken).ConfigureAwait(false);
                    },
                    context,
                    factory).ConfigureAwait(false);
            }
            catch (Polly.Timeout.TimeoutRejectedException ex)
            {
                throw new DataverseException(HttpStatusCode.GatewayTimeout, null, $"No answer within {_options.Timeout.TotalSeconds:0} s after {_options.MaxRetries} retries.", null, ex);
            }
            catch (HttpRequestException ex)
            {
                throw new DataverseException(HttpStatusCode.ServiceUnavailable, null, "The environment could not be reached: " + ex.Message, null, ex);
            }
            finally
            {
                Polly.ResilienceContextPool.Shared.Return(context);
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                var (code, message) = ParseError(body);
                message ??= response.ReasonPhrase ?? "The request failed.";
                throw response.StatusCode == HttpStatusCode.PreconditionFailed
                    ? new DataverseConcurrencyException(code, message, RequestId(response))
                    : new DataverseException(response.StatusCode, code, message, RequestId(response));
            }
        }
        finally
        {
            _concurrency.Release();
        }
    }

    private async ValueTask<string> TokenAsync(CancellationToken cancellationToken)
    {
        if (_token.ExpiresOn > DateTimeOffset.UtcNow.AddMinutes(5))
        {
            return _token.Token;
        }

        await _tokenLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token.ExpiresOn <= DateTimeOffset.UtcNow.AddMinutes(5))
            {
                _token = await _credential.GetTokenAsync(new TokenRequestContext([_options.Scope]), cancellationToken).ConfigureAwait(false);
            }

            return _token.Token;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    /// <summary>Reads the error code and message of a Web API error body (with or without annotations).</summary>
    internal static (string? Code, string? Message) ParseError(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            var error = JsonNode.Parse(body)?["error"];
            var code = error?["code"]?.GetValue<string>();
            return (string.IsNullOrEmpty(code) ? null : code, error?["message"]?.GetValue<string>());
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return (null, null);
        }
    }

    private static Guid? IdFromEntityHeader(HttpResponseMessage response)
    {
        var header = response.Headers.TryGetValues("OData-EntityId", out var values) ? values.FirstOrDefault() : response.Headers.Location?.ToString();
        if (header is null)
        {
            return null;
        }

        var open = header.LastIndexOf('(');
        var close = header.LastIndexOf(')');
        return open >= 0 && close > open && Guid.TryParse(header[(open + 1)..close], out var id) ? id : null;
    }

    private static string? RequestId(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-ms-service-request-id", out var values) ? values.FirstOrDefault()
        : response.Headers.TryGetValues("REQ_ID", out var legacy) ? legacy.FirstOrDefault() : null;
}
