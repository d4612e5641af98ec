using System.Collections.Concurrent;
using CrmPersonCentric.Dataverse.WebApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmPersonCentric.Functions.IntegrationTests;

/// <summary>
/// The backend's services as the worker registers them, over a real Azurite (each backend its own table prefix and
/// queue), with an in-memory Dataverse and captured logs: what the function classes are tested against directly.
/// </summary>
public sealed class TestBackend : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly ConcurrentBag<AsyncServiceScope> _scopes = [];

    public TestBackend(Azurite storage, IReadOnlyDictionary<string, string?>? settings = null, FakeDataverse? dataverse = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        Dataverse = dataverse ?? new FakeDataverse();
        Prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        Settings = new Dictionary<string, string?>
        {
            [FunctionSettings.Storage] = storage.ConnectionString,
            [FunctionSettings.InboxQueueName] = Prefix + "-inbox",
            ["Storage:TablePrefix"] = Prefix,
            ["Dataverse:EnvironmentUrl"] = "https://contoso.crm.dynamics.com",
            ["Reports:LocalFolder"] = Path.Combine(Path.GetTempPath(), Prefix),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            Settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new CaptureLogs(Logs)));
        services.AddMetrics();
        services.AddCrmPersonCentricBackend(configuration, FunctionsBuild.Directory);
        services.AddSingleton<IDataverseClient>(Dataverse);
        services.AddSingleton(HostName.Standalone);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public FakeDataverse Dataverse { get; }

    public string Prefix { get; }

    public Dictionary<string, string?> Settings { get; }

    public string ReportFolder => Settings["Reports:LocalFolder"]!;

    public ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>The root services (singletons: stores, the inbox processor).</summary>
    public IServiceProvider Services => _services;

    /// <summary>A service of a new scope (as one invocation sees it).</summary>
    public T Scoped<T>()
        where T : notnull => NewScope().GetRequiredService<T>();

    /// <summary>A function class, created as the worker creates it: from a new invocation scope.</summary>
    public T Function<T>()
        where T : class => ActivatorUtilities.CreateInstance<T>(NewScope());

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }

        await _services.DisposeAsync();
        if (Directory.Exists(ReportFolder))
        {
            Directory.Delete(ReportFolder, recursive: true);
        }
    }

    private IServiceProvider NewScope()
    {
        var scope = _services.CreateAsyncScope();
        _scopes.Add(scope);
        return scope.ServiceProvider;
    }
}
