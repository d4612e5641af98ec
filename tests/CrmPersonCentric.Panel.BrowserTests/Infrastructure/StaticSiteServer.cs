using System.Net;

namespace CrmPersonCentric.Panel.BrowserTests.Infrastructure;

/// <summary>
/// Serves the test output's <c>site</c> folder (harness plus web resources) on 127.0.0.1 and a free port,
/// so the panel runs over http like a web resource does, without anything leaving the machine.
/// </summary>
public sealed class StaticSiteServer : IAsyncDisposable
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".json"] = "application/json; charset=utf-8",
        [".png"] = "image/png",
        [".svg"] = "image/svg+xml",
    };

    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _root;
    private readonly Task _loop;

    private StaticSiteServer(string root, int port)
    {
        _root = Path.GetFullPath(root);
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseAddress.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The address the site is served at, e.g. http://127.0.0.1:40123/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts serving <paramref name="root"/> on a free loopback port.</summary>
    public static StaticSiteServer Start(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The site folder '{root}' is missing from the test output.");
        }

        return new StaticSiteServer(root, FreePort.Next());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                // Stop() ends the pending GetContextAsync with one of these.
                return;
            }

            _ = Task.Run(() => RespondAsync(context));
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        using var response = context.Response;
        try
        {
            var relative = Uri.UnescapeDataString(context.Request.Url?.AbsolutePath ?? "/").TrimStart('/');
            if (relative == "favicon.ico")
            {
                // The browser asks for the page's icon on its own, at a moment of its choosing; a 404 for it would be a
                // console error in a test that wants none (the form page in Dataverse has its icon).
                response.StatusCode = (int)HttpStatusCode.NoContent;
                return;
            }

            var path = Path.GetFullPath(Path.Combine(_root, relative));
            if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path))
            {
                response.StatusCode = (int)HttpStatusCode.NotFound;
                return;
            }

            var bytes = await File.ReadAllBytesAsync(path, _stopping.Token).ConfigureAwait(false);
            response.ContentType = ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
            response.Headers["Cache-Control"] = "no-store";
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or OperationCanceledException)
        {
            // The browser closed the connection or the server is stopping: nothing to answer.
        }
    }
}
