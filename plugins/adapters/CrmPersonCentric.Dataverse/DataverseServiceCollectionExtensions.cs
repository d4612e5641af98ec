using Azure.Core;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.Records;
using CrmPersonCentric.Dataverse.Steps;
using CrmPersonCentric.Dataverse.WebApi;
using CrmPersonCentric.Dataverse.Webhook;
using CrmPersonCentric.Model.Taxonomy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Dataverse;

/// <summary>Registers the Dataverse adapter: the Web API client, the ports over it, the plug-in steps and the webhook's intake and inbox processor.</summary>
public static class DataverseServiceCollectionExtensions
{
    /// <summary>
    /// Registers the adapter. The host binds and validates <see cref="DataverseOptions"/>. Persona definitions are cached
    /// per scope (one inbox message, one run), so the steps and the dispatcher are scoped.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="autoMapperLicenseKey">AutoMapper's licence key, when the organisation has one (null logs AutoMapper's notice).</param>
    public static IServiceCollection AddDataverseAdapter(this IServiceCollection services, string? autoMapperLicenseKey = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<TokenCredential>(sp => DataverseCredentialFactory.Create(sp.GetRequiredService<IOptions<DataverseOptions>>().Value));
        services.AddSingleton<IDataverseClient>(sp => new DataverseWebApiClient(new HttpClient(), sp.GetRequiredService<TokenCredential>(), sp.GetRequiredService<IOptions<DataverseOptions>>().Value));
        services.AddSingleton(sp => DataverseMapper.Create(autoMapperLicenseKey));
        services.AddSingleton<ITraitTaxonomySource>(sp => new WebApiTraitTaxonomySource(
            sp.GetRequiredService<IDataverseClient>(), TraitLimits.Default, sp.GetRequiredService<IOptions<DataverseOptions>>().Value.TaxonomyRefresh,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<WebApiTraitTaxonomySource>>()));
        services.AddSingleton<IThemeTaxonomySource>(sp => new WebApiThemeTaxonomySource(
            sp.GetRequiredService<IDataverseClient>(), sp.GetRequiredService<IOptions<DataverseOptions>>().Value.TaxonomyRefresh,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<WebApiThemeTaxonomySource>>()));

        // The ports, over the Web API.
        services.AddSingleton<WebApiPersonaSource>();
        services.AddSingleton<IPersonaRecords>(sp => sp.GetRequiredService<WebApiPersonaSource>());
        services.AddScoped<IPersonaSource, CachingPersonaSource>();
        services.AddSingleton<WebApiDriftRuleSource>();
        services.AddSingleton<IDriftRuleSource>(sp => sp.GetRequiredService<WebApiDriftRuleSource>());
        services.AddSingleton<IDriftResultWriter, WebApiDriftResultWriter>();
        services.AddSingleton<WebApiContactRecords>();
        services.AddSingleton<IContactRecords>(sp => sp.GetRequiredService<WebApiContactRecords>());
        services.AddSingleton<IAccountProfiles>(sp => sp.GetRequiredService<WebApiContactRecords>());
        services.AddSingleton<WebApiPersonaRevisions>();
        services.AddSingleton<IPersonaRevisions>(sp => sp.GetRequiredService<WebApiPersonaRevisions>());
        services.AddSingleton<IRevisionDecisions>(sp => sp.GetRequiredService<WebApiPersonaRevisions>());
        services.AddSingleton<IBehaviourSignalRecords, WebApiBehaviourSignalRecords>();
        services.AddSingleton<IReportMailer, WebApiReportMailer>();

        // The plug-in steps, the webhook's intake and the inbox's processor.
        services.AddScoped<IPluginStep, ContactProfileChangedStep>();
        services.AddScoped<IPluginStep, ContactDeletedStep>();
        services.AddScoped<IPluginStep, BehaviourSignalCreatedStep>();
        services.AddScoped<IPluginStep, DriftRuleValidationStep>();
        services.AddScoped<IPluginStep, PersonaRevisionDecidedStep>();
        services.AddScoped<IPluginStep, PersonaDefinitionChangedStep>();
        services.AddScoped<PluginStepDispatcher>();
        services.AddScoped<WebhookIntake>();
        services.AddSingleton<InboxProcessor>();
        return services;
    }
}
