using System.Collections.Concurrent;
using System.Net.Http.Headers;
using CrmPersonCentric.Dataverse.WebApi;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmPersonCentric.Functions.IntegrationTests;

/// <summary>The app in standalone mode on a TestServer, over a given Azurite, with a fake Dataverse and captured logs.</summary>
public sealed class AppFactory(string storageConnection, FakeDataverse dataverse) : WebApplicationFactory<Program>
{
    public const string FunctionKey = "test-function-key";
    public const string MasterKey = "test-master-key";

    public string Prefix { get; } = "t" + Guid.NewGuid().ToString("N")[..10];

    public ConcurrentQueue<string> Logs { get; } = new();

    public Dictionary<string, string?> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:ConnectionString", storageConnection);
        builder.UseSetting("Storage:TablePrefix", Prefix);
        builder.UseSetting("Storage:InboxQueue", Prefix + "-inbox");
        builder.UseSetting("Dataverse:EnvironmentUrl", "https://contoso.crm.dynamics.com");
        builder.UseSetting("Functions:Keys:Default", FunctionKey);
        builder.UseSetting("Functions:Keys:Master", MasterKey);
        builder.UseSetting("Standalone:Background", "false");
        builder.UseSetting("Reports:LocalFolder", Path.Combine(Path.GetTempPath(), Prefix));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IDataverseClient>(dataverse);
            services.AddSingleton<ILoggerProvider>(new CaptureLogs(Logs));
        });
    }

    public HttpClient Client(string? key = FunctionKey)
    {
        var client = CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("x-functions-key", key);
        }

        return client;
    }

    private sealed class CaptureLogs(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(sink);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Enqueue(formatter(state, exception) + (exception is null ? string.Empty : " " + exception.Message));
        }
    }
}
