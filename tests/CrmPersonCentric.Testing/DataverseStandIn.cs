using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CrmPersonCentric.Dataverse.WebApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CrmPersonCentric.Testing;

/// <summary>
/// A Dataverse Web API on a real loopback port for the published app and the load benchmark (processes that cannot be
/// handed an in-memory client): requests under /api/data/v9.2/ are answered from a <see cref="FakeDataverse"/> (so
/// both stand-ins keep the same rows), $batch in the documented multipart wire format, and /msi/token answers the App
/// Service managed-identity protocol (IDENTITY_ENDPOINT / IDENTITY_HEADER) so Azure.Identity gets a token.
/// </summary>
public sealed class DataverseStandIn : IAsyncDisposable
{
    /// <summary>The token the identity endpoint hands out and the Web API requires.</summary>
    public const string Token = "stand-in-token";

    /// <summary>The X-IDENTITY-HEADER value the identity endpoint requires.</summary>
    public const string IdentityHeader = "stand-in-identity-header";

    private const string ApiPrefix = "/api/data/v9.2/";
    private readonly WebApplication _app;

    private DataverseStandIn(WebApplication app, Uri address, FakeDataverse rows)
    {
        _app = app;
        Address = address;
        Rows = rows;
    }

    /// <summary>The environment URL to configure (Dataverse:EnvironmentUrl).</summary>
    public Uri Address { get; }

    /// <summary>The managed-identity endpoint to configure (IDENTITY_ENDPOINT).</summary>
    public Uri IdentityEndpoint => new(Address, "/msi/token");

    /// <summary>The rows.</summary>
    public FakeDataverse Rows { get; }

    /// <summary>Every request, as "METHOD /path?query".</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Starts the stand-in on a free port.</summary>
    public static async Task<DataverseStandIn> StartAsync(FakeDataverse? rows = null)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var standIn = new DataverseStandIn(app, new Uri($"http://127.0.0.1:{port}"), rows ?? new FakeDataverse());
        app.Run(standIn.HandleAsync);
        await app.StartAsync();
        return standIn;
    }

    /// <summary>The environment variables that point a process at this stand-in with managed identity.</summary>
    public IReadOnlyDictionary<string, string> Environment() => new Dictionary<string, string>
    {
        ["Dataverse__EnvironmentUrl"] = Address.ToString().TrimEnd('/'),
        ["IDENTITY_ENDPOINT"] = IdentityEndpoint.ToString(),
        ["IDENTITY_HEADER"] = IdentityHeader,
    };

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        Requests.Enqueue($"{context.Request.Method} {path}{context.Request.QueryString}");
        context.Response.ContentType = "application/json";
        if (path == "/msi/token")
        {
            var ok = context.Request.Headers["X-IDENTITY-HEADER"] == IdentityHeader;
            context.Response.StatusCode = ok ? 200 : 401;
            var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
            await context.Response.WriteAsync($$"""{ "access_token": "{{Token}}", "expires_on": "{{expires}}", "resource": "{{context.Request.Query["resource"]}}", "token_type": "Bearer" }""");
            return;
        }

        if (context.Request.Headers.Authorization != "Bearer " + Token || !path.StartsWith(ApiPrefix, StringComparison.Ordinal))
        {
            context.Response.StatusCode = 401;
            return;
        }

        var relative = path[ApiPrefix.Length..];
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        if (relative == "$batch")
        {
            await BatchAsync(context, body);
            return;
        }

        await OperationAsync(context, context.Request.Method, relative, Uri.UnescapeDataString(context.Request.QueryString.Value ?? string.Empty), body, context.Request.Headers.IfMatch.ToString());
    }

    private async Task OperationAsync(HttpContext context, string method, string relative, string query, string body, string? ifMatch)
    {
        var (set, key) = Split(relative);
        if (key is null && HttpMethods.IsGet(method))
        {
            var filter = query.Split('&').Select(p => p.TrimStart('?')).FirstOrDefault(p => p.StartsWith("$filter=", StringComparison.Ordinal))?["$filter=".Length..];
            var rows = new JsonArray();
            await foreach (var row in Rows.QueryAsync(set, new ODataQuery { Filter = filter }))
            {
                rows.Add(row);
            }

            await context.Response.WriteAsync(new JsonObject { ["value"] = rows }.ToJsonString());
            return;
        }

        if (HttpMethods.IsPost(method) && (key is null || set.Contains("Microsoft.Dynamics.CRM.", StringComparison.Ordinal) || relative.Contains("/Microsoft.Dynamics.CRM.", StringComparison.Ordinal)))
        {
            var id = relative.Contains("Microsoft.Dynamics.CRM.", StringComparison.Ordinal) ? Guid.Empty : await Rows.CreateAsync(set, JsonNode.Parse(body)!.AsObject());
            context.Response.Headers["OData-EntityId"] = new Uri(Address, $"{ApiPrefix}{set}({id:D})").ToString();
            context.Response.StatusCode = 204;
            return;
        }

        if (Guid.TryParse(key, out var guid))
        {
            if (HttpMethods.IsGet(method))
            {
                var row = await Rows.RetrieveAsync(set, guid);
                context.Response.StatusCode = row is null ? 404 : 200;
                await context.Response.WriteAsync(row?.ToJsonString() ?? """{ "error": { "code": "0x80040217", "message": "Does Not Exist" } }""");
                return;
            }

            if (HttpMethods.IsDelete(method))
            {
                await Rows.DeleteAsync(set, guid);
            }
            else
            {
                await Rows.UpdateAsync(set, guid, JsonNode.Parse(body)!.AsObject(), ifMatch);
            }

            context.Response.StatusCode = 204;
            return;
        }

        // An alternate key: set(column='value'), upserted.
        var equals = key!.IndexOf('=', StringComparison.Ordinal);
        var value = key[(equals + 1)..].Trim('\'').Replace("''", "'", StringComparison.Ordinal);
        await Rows.UpsertAsync(set, new Dictionary<string, object> { [key[..equals]] = value }, JsonNode.Parse(body)!.AsObject());
        context.Response.StatusCode = 204;
    }

    private async Task BatchAsync(HttpContext context, string body)
    {
        // Each request of the batch is a line "METHOD absolute-url HTTP/1.1", its headers, a blank line and its body.
        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var results = new List<int>();
        for (var i = 0; i < lines.Length; i++)
        {
            var parts = lines[i].Split(' ');
            if (parts.Length != 3 || parts[2] != "HTTP/1.1" || !Uri.TryCreate(parts[1], UriKind.Absolute, out var url))
            {
                continue;
            }

            string? ifMatch = null;
            var j = i + 1;
            for (; j < lines.Length && lines[j].Length > 0; j++)
            {
                if (lines[j].StartsWith("If-Match:", StringComparison.OrdinalIgnoreCase))
                {
                    ifMatch = lines[j]["If-Match:".Length..].Trim();
                }
            }

            var content = j + 1 < lines.Length && lines[j + 1].StartsWith('{') ? lines[j + 1] : string.Empty;
            var relative = Uri.UnescapeDataString(url.AbsolutePath)[ApiPrefix.Length..];
            var (set, key) = Split(relative);
            if (Guid.TryParse(key, out var id))
            {
                await Rows.UpdateAsync(set, id, JsonNode.Parse(content)!.AsObject(), ifMatch);
            }
            else
            {
                var equals = key!.IndexOf('=', StringComparison.Ordinal);
                await Rows.UpsertAsync(set, new Dictionary<string, object> { [key[..equals]] = key[(equals + 1)..].Trim('\'').Replace("''", "'", StringComparison.Ordinal) }, JsonNode.Parse(content)!.AsObject());
            }

            results.Add(204);
        }

        var boundary = "batchresponse_" + Guid.NewGuid().ToString("N");
        var answer = new StringBuilder();
        foreach (var status in results)
        {
            answer.Append("--").Append(boundary).Append("\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n")
                .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} No Content\r\nOData-Version: 4.0\r\n\r\n");
        }

        answer.Append("--").Append(boundary).Append("--\r\n");
        context.Response.ContentType = "multipart/mixed; boundary=" + boundary;
        await context.Response.WriteAsync(answer.ToString());
    }

    private static (string Set, string? Key) Split(string relative)
    {
        var open = relative.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return (relative, null);
        }

        var close = relative.IndexOf(')', open);
        return (relative[..open], relative[(open + 1)..close]);
    }
}
