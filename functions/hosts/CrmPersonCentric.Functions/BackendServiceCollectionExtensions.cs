using CrmPersonCentric.Application;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Application.Reports;
using CrmPersonCentric.Dataverse;
using CrmPersonCentric.Dataverse.WebApi;
using CrmPersonCentric.Functions.Health;
using CrmPersonCentric.Lake;
using CrmPersonCentric.Reports;
using CrmPersonCentric.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Functions;

/// <summary>The composition root both hosts share: options validated at start, the application and the adapters behind its ports.</summary>
public static class BackendServiceCollectionExtensions
{
    /// <summary>
    /// Registers every service both hosts share. <paramref name="appDirectory"/> holds host.json (queue settings).
    /// Reports are archived in the cpc-reports container, or in Reports:LocalFolder when it is set (the standalone host).
    /// </summary>
    public static IServiceCollection AddCrmPersonCentricBackend(this IServiceCollection services, IConfiguration configuration, string appDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<DataverseOptions>().BindConfiguration(DataverseOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DataverseOptions>, DataverseOptionsValidator>();
        services.AddOptions<StepOptions>().BindConfiguration(StepOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StepOptions>, StepOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<StepOptions>>().Value);
        // Report links lead into the environment the backend writes to, unless Reports:EnvironmentUrl names another.
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.SectionName)
            // The raw setting, not the validated DataverseOptions: a missing one is reported once, by its own validator.
            .PostConfigure(reports =>
                reports.EnvironmentUrl = string.IsNullOrWhiteSpace(reports.EnvironmentUrl) ? configuration[DataverseOptions.SectionName + ":" + nameof(DataverseOptions.EnvironmentUrl)] : reports.EnvironmentUrl)
            .Validate(r => IsHttpsOrEmpty(r.EnvironmentUrl), "Reports:EnvironmentUrl (or Dataverse:EnvironmentUrl) must be an https URL such as https://contoso.crm.dynamics.com.")
            .Validate(r => IsHttpsOrEmpty(r.ReportUrl), "Reports:ReportUrl must be an https URL (where the archived reports are served), or empty.")
            .ValidateOnStart();

        services.AddApplication();
        services.AddDataverseAdapter(configuration["AutoMapper:LicenseKey"] ?? configuration["AUTOMAPPER_LICENSE_KEY"]);
        services.AddAzureStorage(configuration, appDirectory);
        // Past one storage account (docs/lake.md): with Lake:Path set, the evaluation reads its people from a lake export.
        services.AddLakePopulation(configuration);
        services.AddSingleton<IReportRenderer, HtmlReports>();
        if (configuration[ReportOptions.SectionName + ":" + nameof(ReportOptions.LocalFolder)] is { Length: > 0 } folder)
        {
            services.AddSingleton<IReportArchive>(new FolderReportArchive(folder));
        }

        services.AddSingleton<HealthCheck>();
        return services;
    }

    private static bool IsHttpsOrEmpty(string? url) =>
        string.IsNullOrWhiteSpace(url) || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)));
}
