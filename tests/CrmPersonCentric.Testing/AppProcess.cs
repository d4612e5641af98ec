using System.Diagnostics;
using System.Net;
using System.Text;

namespace CrmPersonCentric.Testing;

/// <summary>
/// The Functions app as its own process in standalone mode (a published package or a build output), on a free loopback
/// port, its output kept for failure messages; killed (with its children) on dispose, as a crash would.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private int _disposed;

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Where the app listens.</summary>
    public Uri Address { get; }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>When the process was started.</summary>
    public DateTime StartedAt { get; } = DateTime.UtcNow;

    /// <summary>What the app printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <c>dotnet {assembly} standalone --urls=…</c> (or, for an apphost, the executable itself) in the
    /// assembly's folder with the given environment.
    /// </summary>
    public static AppProcess Start(string assemblyOrExecutable, IReadOnlyDictionary<string, string> environment, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var listen = port ?? FreePort.Next();
        var isAssembly = assemblyOrExecutable.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(isAssembly ? "dotnet" : assemblyOrExecutable)
        {
            WorkingDirectory = Path.GetDirectoryName(assemblyOrExecutable)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (isAssembly)
        {
            start.ArgumentList.Add(assemblyOrExecutable);
        }

        start.ArgumentList.Add("standalone");
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{listen}");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{assemblyOrExecutable} did not start.");
        return new AppProcess(process, new Uri($"http://127.0.0.1:{listen}"));
    }

    /// <summary>
    /// What the polls of the last <see cref="WaitHealthyAsync"/> got before the healthy answer, in one line: each kind of
    /// answer (a status code, or the exception of a request that failed) with how many times it came
    /// ("HttpRequestException × 24; 503 … × 1"; empty when the first poll was answered healthy). Says why a start was slow.
    /// </summary>
    public string HealthPollSummary => string.Join("; ", _polls.Select(p => $"{p.Key} × {p.Value}"));

    private readonly Dictionary<string, int> _polls = new(StringComparer.Ordinal);

    /// <summary>Polls GET /api/health until it answers 200; returns the time from process start.</summary>
    /// <exception cref="TimeoutException">Not healthy within the timeout; the message holds the app's output.</exception>
    public async Task<TimeSpan> WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        _polls.Clear();
        while (watch.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode}:{System.Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await http.GetAsync("/api/health", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return DateTime.UtcNow - StartedAt;
                }

                Count($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Not listening yet, or not answering yet.
                Count(ex.GetType().Name);
            }

            await Task.Delay(10, cancellationToken);
        }

        throw new TimeoutException($"The app was not healthy within {timeout} (polls: {HealthPollSummary}):{System.Environment.NewLine}{Output}");
    }

    private void Count(string answer) => _polls[answer] = _polls.GetValueOrDefault(answer) + 1;

    /// <summary>The resident memory of the process (VmRSS), in bytes.</summary>
    public long ResidentBytes()
    {
        var status = File.ReadAllLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(status.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Kills the process and its children at once (no graceful shutdown: what a crash does).</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
