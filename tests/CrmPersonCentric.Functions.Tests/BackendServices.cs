using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmPersonCentric.Functions.Tests;

/// <summary>The backend's services as both hosts compose them, over in-memory settings (storage: the emulator's).</summary>
internal static class BackendServices
{
    public static ServiceCollection Compose(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>(settings) { [FunctionSettings.Storage] = "UseDevelopmentStorage=true" })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddMetrics();
        services.AddCrmPersonCentricBackend(configuration, RepositoryRoot.Combine("functions", "hosts", "CrmPersonCentric.Functions"));
        return services;
    }
}
