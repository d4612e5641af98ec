using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace CrmPersonCentric.Dataverse.Tests.WebApi;

/// <summary>An HTTP handler that records requests (with their bodies) and answers from a queue.</summary>
internal sealed class StubHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, Task<HttpResponseMessage>>> _responses = new();
    private int _inFlight;

    public List<(HttpRequestMessage Request, string? Body)> Requests { get; } = [];

    public int MaxInFlight { get; private set; }

    public Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>? Fallback { get; set; }

    public StubHandler Respond(HttpStatusCode status, string? body = null, Action<HttpResponseMessage>? configure = null, string mediaType = "application/json")
    {
        _responses.Enqueue(_ =>
        {
            var response = new HttpResponseMessage(status);
            if (body is not null)
            {
                response.Content = new StringContent(body, Encoding.UTF8, mediaType);
            }

            configure?.Invoke(response);
            return Task.FromResult(response);
        });
        return this;
    }

    public StubHandler Respond(Func<HttpRequestMessage, Task<HttpResponseMessage>> responder)
    {
        _responses.Enqueue(responder);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Requests)
        {
            Requests.Add((request, body));
        }

        var now = Interlocked.Increment(ref _inFlight);
        lock (Requests)
        {
            MaxInFlight = Math.Max(MaxInFlight, now);
        }

        try
        {
            if (_responses.TryDequeue(out var next))
            {
                return await next(request);
            }

            return await (Fallback ?? throw new InvalidOperationException("No response queued for " + request.RequestUri))(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
