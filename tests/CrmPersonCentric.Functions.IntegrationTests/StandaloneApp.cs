using System.Collections.Concurrent;
using System.Globalization;
using CrmPersonCentric.Dataverse.WebApi;
using CrmPersonCentric.Functions.Standalone;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmPersonCentric.Functions.IntegrationTests;

/// <summary>
/// The standalone host on Kestrel (real HTTP on a free loopback port), reading the Functions build's functions.metadata,
/// over a real Azurite, with an in-memory Dataverse and captured logs; timers and the queue poller run unless turned off.
/// </summary>
public sealed class StandaloneApp : IAsyncDisposable
{
    public const string FunctionKey = "test-function-key";
    public const string MasterKey = "test-master-key";

    private StandaloneApp(WebApplication app, Uri address, FakeDataverse dataverse, string prefix, ConcurrentQueue<string> logs)
    {
        App = app;
        Address = address;
        Dataverse = dataverse;
        Prefix = prefix;
        Logs = logs;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public FakeDataverse Dataverse { get; }

    public string Prefix { get; }

    public ConcurrentQueue<string> Logs { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>Builds and starts the host; <paramref name="settings"/> override the defaults (given as command-line settings).</summary>
    public static async Task<StandaloneApp> StartAsync(Azurite storage, IReadOnlyDictionary<string, string?>? settings = null, FakeDataverse? dataverse = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var fake = dataverse ?? new FakeDataverse();
        var prefix = "s" + Guid.NewGuid().ToString("N")[..10];
        var port = FreePort.Next();
        var values = new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            [FunctionSettings.Storage] = storage.ConnectionString,
            [FunctionSettings.InboxQueueName] = prefix + "-inbox",
            ["Storage:TablePrefix"] = prefix,
            ["Dataverse:EnvironmentUrl"] = "https://contoso.crm.dynamics.com",
            ["Functions:Keys:Default"] = FunctionKey,
            ["Functions:Keys:Master"] = MasterKey,
            ["Reports:LocalFolder"] = Path.Combine(Path.GetTempPath(), prefix),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var logs = new ConcurrentQueue<string>();
        var args = values.Select(v => string.Create(CultureInfo.InvariantCulture, $"--{v.Key}={v.Value}")).ToArray();
        var app = StandaloneHost.Build(args, FunctionsBuild.Directory, builder =>
        {
            builder.Services.AddSingleton<IDataverseClient>(fake);
            builder.Logging.AddProvider(new CaptureLogs(logs));
        });
        await app.StartAsync();
        return new StandaloneApp(app, new Uri($"http://127.0.0.1:{port}"), fake, prefix, logs);
    }

    /// <summary>A client of the host sending the given key (none: no key).</summary>
    public HttpClient Client(string? key = FunctionKey)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("x-functions-key", key);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        var folder = Path.Combine(Path.GetTempPath(), Prefix);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
