using System.Diagnostics;
using System.Globalization;

namespace CrmPersonCentric.Testing;

/// <summary>
/// A real Azurite (npm package azurite, installed by `npm ci` at the repository root) on free loopback ports, in
/// memory, without telemetry. Stop/Start simulate a storage outage.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly int _blob = FreePort.Next();
    private readonly int _queue = FreePort.Next();
    private readonly int _table = FreePort.Next();
    private Process? _process;

    /// <summary>The connection string of this instance.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};BlobEndpoint=http://127.0.0.1:{_blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{_queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{_table}/devstoreaccount1;";

    /// <summary>
    /// Starts an instance on new free ports. Test processes run side by side and pick free ports the same way, so a port
    /// can be taken between picking it and Azurite binding it (Azurite then exits at once): that start is tried again on
    /// other ports, up to three times.
    /// </summary>
    public static async Task<Azurite> StartNewAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var azurite = new Azurite();
            try
            {
                await azurite.StartAsync();
                return azurite;
            }
            catch (InvalidOperationException) when (attempt < 3 && azurite._process is { HasExited: true })
            {
                await azurite.DisposeAsync();
            }
        }
    }

    public async Task StartAsync()
    {
        var executable = RepositoryRoot.Combine("node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw Prerequisites.Missing("Azurite (node_modules/.bin/azurite)", "npm ci");
        }

        var start = new ProcessStartInfo(executable)
        {
            ArgumentList =
            {
                "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--silent", "--loose",
                "--blobHost", "127.0.0.1", "--blobPort", _blob.ToString(CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", _queue.ToString(CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", _table.ToString(CultureInfo.InvariantCulture),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var port in new[] { _blob, _queue, _table })
        {
            while (!await FreePort.IsListeningAsync(port))
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited (code {_process.ExitCode}) before opening its ports {_blob}, {_queue} and {_table}; one may have been taken meanwhile.");
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException("Azurite did not open its ports within 30 s.");
                }

                await Task.Delay(100);
            }
        }
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
