using CrmPersonCentric.Application.Ports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Storage;

/// <summary>Registers the Azure storage adapter behind the application's storage ports.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the storage options (section "Storage", the inbox queue from the app setting InboxQueueName, validated at
    /// start), host.json's queue settings from <paramref name="appDirectory"/>, the clients of the account named by
    /// AzureWebJobsStorage, and every store as a singleton behind its port (the inbox's group commit and the people
    /// store's memory are per process).
    /// </summary>
    public static IServiceCollection AddAzureStorage(this IServiceCollection services, IConfiguration configuration, string appDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(QueueHostSettings.Load(appDirectory, configuration));
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName)
            .PostConfigure(o => o.InboxQueue = configuration[StorageOptions.InboxQueueSetting] is { Length: > 0 } queue ? queue : StorageOptions.DefaultInboxQueue)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<IValidateOptions<StorageOptions>>(new StorageConnectionValidator(configuration));
        services.AddSingleton(sp => StorageConnection.From(configuration, StorageOptions.ConnectionSetting)
            ?? throw new OptionsValidationException(StorageOptions.ConnectionSetting, typeof(StorageConnection), [StorageConnectionValidator.Missing]));

        // The storage credential comes from the connection's own settings (StorageConnection.CreateCredential), not the Dataverse one.
        services.AddSingleton(sp => new StorageClients(sp.GetRequiredService<StorageConnection>(), sp.GetRequiredService<IOptions<StorageOptions>>(), sp.GetRequiredService<QueueHostSettings>(), logger: sp.GetRequiredService<ILogger<StorageClients>>()));
        services.AddPort<IInbox, InboxStore>();
        services.AddPort<IPoisonStore, PoisonStore>();
        services.AddPort<IPeopleStore, PeopleStore>();
        services.AddPort<ISignalStore, SignalStore>();
        services.AddPort<IPopulationSource, PopulationReader>();
        services.AddPort<ISuggestionSuppressions, SuppressionStore>();
        services.AddPort<IRunLog, RunStore>();
        services.AddPort<ITrendStore, TrendStore>();
        services.AddPort<ILeases, LeaseStore>();
        services.AddSingleton<BlobReportArchive>();
        services.AddSingleton<IReportArchive>(sp => sp.GetRequiredService<BlobReportArchive>());
        return services;
    }

    // One instance serves the port and whoever needs the store itself (health, benchmarks, the admin endpoints).
    private static void AddPort<TPort, TStore>(this IServiceCollection services)
        where TPort : class
        where TStore : class, TPort
    {
        services.AddSingleton<TStore>();
        services.AddSingleton<TPort>(sp => sp.GetRequiredService<TStore>());
    }
}

/// <summary>Validates <see cref="StorageOptions"/> at start-up (the data annotations' rules and messages, source-generated).</summary>
[OptionsValidator]
internal sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>;
