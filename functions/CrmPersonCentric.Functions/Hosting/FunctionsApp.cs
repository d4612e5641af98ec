using Azure.Core;
using Azure.Monitor.OpenTelemetry.Exporter;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.Steps;
using CrmPersonCentric.Dataverse.WebApi;
using CrmPersonCentric.Functions.Services;
using CrmPersonCentric.Functions.Storage;
using CrmPersonCentric.Model.Taxonomy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CrmPersonCentric.Functions.Hosting;

/// <summary>Builds the app: options validated at start, services, routes, and the standalone background services.</summary>
public static class FunctionsApp
{
    /// <summary>Builds the web application.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var mode = HostingMode.FromEnvironment(Environment.GetEnvironmentVariable);
        if (mode.IsCustomHandler)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{mode.Port}");
        }
        else if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_URLS")))
        {
            builder.WebHost.UseUrls(builder.Configuration["Standalone:Urls"] ?? "http://127.0.0.1:7071");
        }

        AddServices(builder.Services, builder.Configuration, mode);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseExceptionHandler(errors => errors.Run(WriteProblemAsync));
        app.MapFunctions(mode);
        return app;
    }

    /// <summary>Registers every service.</summary>
    public static void AddServices(IServiceCollection services, IConfiguration configuration, HostingMode mode)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, FunctionsJsonContext.Default));
        services.AddSingleton(mode);
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<DataverseOptions>().BindConfiguration(DataverseOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DataverseOptions>, DataverseOptionsValidator>();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddOptions<StepOptions>().BindConfiguration(StepOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StepOptions>, StepOptionsValidator>();
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.SectionName);
        services.AddOptions<FunctionKeysOptions>().BindConfiguration(FunctionKeysOptions.SectionName);
        services.AddSingleton(sp => FunctionManifest.Load(AppContext.BaseDirectory));

        services.AddSingleton<TokenCredential>(sp => DataverseCredentialFactory.Create(sp.GetRequiredService<IOptions<DataverseOptions>>().Value));
        services.AddSingleton<IDataverseClient>(sp => new DataverseWebApiClient(new HttpClient(), sp.GetRequiredService<TokenCredential>(), sp.GetRequiredService<IOptions<DataverseOptions>>().Value));
        services.AddSingleton(sp => DataverseMapper.Create(configuration["AutoMapper:LicenseKey"]));
        services.AddSingleton(TraitNormalizer.Default);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<StepOptions>>().Value);

        services.AddSingleton<StorageClients>();
        services.AddSingleton<SnapshotStore>();
        services.AddSingleton<IPersonSnapshotSink>(sp => sp.GetRequiredService<SnapshotStore>());
        services.AddSingleton<InboxStore>();
        services.AddSingleton<PoisonStore>();
        services.AddSingleton<RunStore>();

        services.AddSingleton<IPluginStep, ContactProfileChangedStep>();
        services.AddSingleton<IPluginStep, ContactDeletedStep>();
        services.AddSingleton<IPluginStep, BehaviourSignalCreatedStep>();
        services.AddSingleton<IPluginStep, DriftRuleValidationStep>();
        services.AddSingleton<IPluginStep, PersonaRevisionDecidedStep>();
        services.AddSingleton<PluginStepDispatcher>();

        services.AddSingleton<Telemetry>();
        services.AddSingleton<WebhookService>();
        services.AddSingleton<InboxProcessor>();
        services.AddSingleton<SignalIngestion>();
        services.AddSingleton<DataverseDefinitions>();
        services.AddSingleton<DataverseDriftWriter>();
        services.AddSingleton<EvaluationService>();
        services.AddSingleton<ReportService>();
        services.AddSingleton<ReconciliationService>();
        services.AddSingleton<PoisonAdmin>();
        services.AddSingleton<HealthCheck>();

        var telemetry = services.AddOpenTelemetry()
            .WithTracing(t => t.AddSource(Telemetry.Name).AddAspNetCoreInstrumentation())
            .WithMetrics(m => m.AddMeter(Telemetry.Name));
        if (!string.IsNullOrWhiteSpace(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            var connection = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"];
            telemetry.WithTracing(t => t.AddAzureMonitorTraceExporter(o => o.ConnectionString = connection))
                .WithMetrics(m => m.AddAzureMonitorMetricExporter(o => o.ConnectionString = connection));
        }

        if (!mode.IsCustomHandler && !string.Equals(configuration["Standalone:Background"], "false", StringComparison.OrdinalIgnoreCase))
        {
            services.AddHostedService<StandaloneTimers>();
            services.AddHostedService<StandaloneQueuePoller>();
        }
    }

    private static async Task WriteProblemAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        var (status, title, detail) = error switch
        {
            BadHttpRequestException bad => (StatusCodes.Status400BadRequest, "Bad request", bad.Message),
            CrmPersonCentric.Model.ModelValidationException invalid => (StatusCodes.Status400BadRequest, "Invalid input", invalid.Message),
            Dataverse.WebApi.DataverseConcurrencyException => (StatusCodes.Status412PreconditionFailed, "Concurrency conflict", "The row changed meanwhile; retry."),
            { } ex when Problems.IsTransient(ex) => (StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", "A dependency is unavailable; retry later."),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error", "The request failed; the error was logged."),
        };
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = Problems.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = Problems.Details(status, title, detail) }).ConfigureAwait(false);
    }
}
