using Azure.Core;
using CrmPersonCentric.Application;
using CrmPersonCentric.Application.Contacts;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Backend.Services;
using CrmPersonCentric.Backend.Storage;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.Records;
using CrmPersonCentric.Dataverse.Steps;
using CrmPersonCentric.Dataverse.WebApi;
using CrmPersonCentric.Model.Taxonomy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Backend.Runtime;

/// <summary>Registers the backend: options validated at start, the Dataverse adapter behind its ports, the stores and the services.</summary>
public static class BackendServiceCollectionExtensions
{
    /// <summary>
    /// Registers every service both hosts share. <paramref name="appDirectory"/> holds host.json (queue settings).
    /// Stores are singletons (the inbox's group commit and the people store's memory are per process); the steps, the
    /// use case and the services that run them are scoped, so one invocation (one inbox message, one run) reads each
    /// persona definition once.
    /// </summary>
    public static IServiceCollection AddCrmPersonCentricBackend(this IServiceCollection services, IConfiguration configuration, string appDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(QueueHostSettings.Load(appDirectory, configuration));
        services.AddOptions<DataverseOptions>().BindConfiguration(DataverseOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DataverseOptions>, DataverseOptionsValidator>();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName)
            .PostConfigure(o => o.InboxQueue = configuration[FunctionSettings.InboxQueueName] is { Length: > 0 } queue ? queue : FunctionSettings.DefaultInboxQueue)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddOptions<StepOptions>().BindConfiguration(StepOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StepOptions>, StepOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<StepOptions>>().Value);
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.SectionName);
        services.AddSingleton<IValidateOptions<StorageOptions>>(new StorageConnectionValidator(configuration));

        AddDataverse(services, configuration);
        AddStorage(services, configuration);

        services.AddSingleton<Telemetry>();
        services.AddScoped<WebhookIntake>();
        services.AddSingleton<InboxProcessor>();
        services.AddSingleton<SignalIngestion>();
        services.AddScoped<EvaluationService>();
        services.AddScoped<ReportService>();
        services.AddScoped<ReconciliationService>();
        services.AddSingleton<PoisonAdmin>();
        services.AddSingleton<HealthCheck>();
        return services;
    }

    private static void AddDataverse(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<TokenCredential>(sp => DataverseCredentialFactory.Create(sp.GetRequiredService<IOptions<DataverseOptions>>().Value));
        services.AddSingleton<IDataverseClient>(sp => new DataverseWebApiClient(new HttpClient(), sp.GetRequiredService<TokenCredential>(), sp.GetRequiredService<IOptions<DataverseOptions>>().Value));
        services.AddSingleton(sp => DataverseMapper.Create(configuration["AutoMapper:LicenseKey"] ?? configuration["AUTOMAPPER_LICENSE_KEY"]));
        services.AddSingleton<ITraitTaxonomySource>(sp => new WebApiTraitTaxonomySource(
            sp.GetRequiredService<IDataverseClient>(), TraitLimits.Default, sp.GetRequiredService<IOptions<DataverseOptions>>().Value.TaxonomyRefresh,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<WebApiTraitTaxonomySource>>()));
        services.AddSingleton<IThemeTaxonomySource>(sp => new WebApiThemeTaxonomySource(
            sp.GetRequiredService<IDataverseClient>(), sp.GetRequiredService<IOptions<DataverseOptions>>().Value.TaxonomyRefresh,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<WebApiThemeTaxonomySource>>()));

        // The ports, over the Web API. Persona definitions are cached per scope (one inbox message, one run).
        services.AddSingleton<WebApiPersonaSource>();
        services.AddSingleton<IPersonaRecords>(sp => sp.GetRequiredService<WebApiPersonaSource>());
        services.AddScoped<IPersonaSource, CachingPersonaSource>();
        services.AddSingleton<WebApiDriftRuleSource>();
        services.AddSingleton<IDriftRuleSource>(sp => sp.GetRequiredService<WebApiDriftRuleSource>());
        services.AddSingleton<IDriftResultWriter, WebApiDriftResultWriter>();
        services.AddSingleton<WebApiContactRecords>();
        services.AddSingleton<IContactRecords>(sp => sp.GetRequiredService<WebApiContactRecords>());
        services.AddSingleton<IAccountProfiles>(sp => sp.GetRequiredService<WebApiContactRecords>());
        services.AddSingleton<IPersonaRevisions, WebApiPersonaRevisions>();
        services.AddSingleton<IBehaviourSignalRecords, WebApiBehaviourSignalRecords>();
        services.AddSingleton<IReportMailer, WebApiReportMailer>();

        services.AddScoped<ContactProfileChanged>();
        services.AddScoped<IPluginStep, ContactProfileChangedStep>();
        services.AddScoped<IPluginStep, ContactDeletedStep>();
        services.AddScoped<IPluginStep, BehaviourSignalCreatedStep>();
        services.AddScoped<IPluginStep, DriftRuleValidationStep>();
        services.AddScoped<IPluginStep, PersonaRevisionDecidedStep>();
        services.AddScoped<IPluginStep, PersonaDefinitionChangedStep>();
        services.AddScoped<PluginStepDispatcher>();
    }

    private static void AddStorage(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => StorageConnection.From(configuration, FunctionSettings.Storage)
            ?? throw new OptionsValidationException(FunctionSettings.Storage, typeof(StorageConnection), [StorageConnectionValidator.Missing]));
        // The storage credential comes from the connection's own settings (StorageConnection.CreateCredential), not the Dataverse one.
        services.AddSingleton(sp => new StorageClients(sp.GetRequiredService<StorageConnection>(), sp.GetRequiredService<IOptions<StorageOptions>>(), sp.GetRequiredService<QueueHostSettings>(), logger: sp.GetRequiredService<ILogger<StorageClients>>()));
        services.AddSingleton<InboxStore>();
        services.AddSingleton<PoisonStore>();
        services.AddSingleton<PeopleStore>();
        services.AddSingleton<IPersonSnapshotSink>(sp => sp.GetRequiredService<PeopleStore>());
        services.AddSingleton<SignalStore>();
        services.AddSingleton<PopulationReader>();
        services.AddSingleton<ISignalSink>(sp => sp.GetRequiredService<SignalStore>());
        services.AddSingleton<SuppressionStore>();
        services.AddSingleton<ISuggestionSuppressions>(sp => sp.GetRequiredService<SuppressionStore>());
        services.AddSingleton<RunStore>();
        services.AddSingleton<TrendStore>();
        services.AddSingleton<LeaseStore>();
        services.AddSingleton<ErasureService>();
        services.AddSingleton<IContactErasure>(sp => sp.GetRequiredService<ErasureService>());
    }
}
