using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPersonCentric.Functions.IntegrationTests;

/// <summary>
/// HTTP requests for calling function classes directly (an ASP.NET Core <see cref="DefaultHttpContext"/>, as the
/// worker's ASP.NET Core integration hands them), and the answer an <see cref="IActionResult"/> writes.
/// </summary>
public static class HttpCall
{
    private static readonly ServiceProvider Mvc = new ServiceCollection().AddLogging().AddMvcCore().Services.BuildServiceProvider();

    /// <summary>A request with a body.</summary>
    public static HttpRequest Request(string method, string? body = null, string contentType = "application/json", string? query = null, IDictionary<string, string>? headers = null)
    {
        var context = new DefaultHttpContext { RequestServices = Mvc };
        context.Request.Method = method;
        context.Request.ContentType = contentType;
        if (query is not null)
        {
            context.Request.QueryString = new QueryString(query);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            context.Request.Headers[name] = value;
        }

        var bytes = Encoding.UTF8.GetBytes(body ?? string.Empty);
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    /// <summary>A POST with a JSON body.</summary>
    public static HttpRequest Post(string body, string contentType = "application/json") => Request("POST", body, contentType);

    /// <summary>Writes the result as the host would and returns the status, content type, body and Retry-After.</summary>
    public static async Task<HttpAnswer> AnswerAsync(HttpRequest request, IActionResult result)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(result);
        var context = request.HttpContext;
        await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
        context.Response.Body.Position = 0;
        using var reader = new StreamReader(context.Response.Body);
        return new HttpAnswer(context.Response.StatusCode, context.Response.ContentType, await reader.ReadToEndAsync(), context.Response.Headers.RetryAfter.ToString());
    }
}
