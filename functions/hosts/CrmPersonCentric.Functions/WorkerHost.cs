using CrmPersonCentric.Functions.Http;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmPersonCentric.Functions;

/// <summary>The app under the Azure Functions host: the isolated worker with ASP.NET Core integration.</summary>
public static class WorkerHost
{
    /// <summary>Builds the worker; the host starts it and tells it where to connect.</summary>
    public static IHost Build(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.UseMiddleware<HttpExceptionMiddleware>();
        builder.Services.AddCrmPersonCentricBackend(builder.Configuration, AppContext.BaseDirectory);
        builder.Services.AddSingleton(HostName.Functions);
        builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults().AddCrmPersonCentric(builder.Configuration);
        return builder.Build();
    }
}
