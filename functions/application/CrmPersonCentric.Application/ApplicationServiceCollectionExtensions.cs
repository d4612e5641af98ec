using CrmPersonCentric.Application.Contacts;
using CrmPersonCentric.Application.Evaluation;
using CrmPersonCentric.Application.Poison;
using CrmPersonCentric.Application.Reports;
using CrmPersonCentric.Application.Revisions;
using CrmPersonCentric.Application.Signals;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPersonCentric.Application;

/// <summary>Registers the business actions; the adapters register the ports they call.</summary>
public static class ApplicationServiceCollectionExtensions
{
    /// <summary>
    /// Registers the business actions and their telemetry. The actions that read persona definitions are scoped, so one
    /// invocation (one inbox message, one run) reads each definition once; the others are singletons.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<Telemetry>();
        services.AddScoped<RecordProfileChange>();
        services.AddSingleton<EraseContact>();
        services.AddScoped<ReconcileContacts>();
        services.AddSingleton<IngestSignals>();
        services.AddScoped<EvaluateDrift>();
        services.AddScoped<PublishReports>();
        services.AddScoped<SendReports>();
        services.AddSingleton<ReplayPoison>();
        services.AddScoped<DecideRevision>();
        return services;
    }
}
