using CrmPersonCentric.Functions.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;

namespace CrmPersonCentric.Functions.Standalone;

/// <summary>
/// The functions without an Azure Functions host: a plain ASP.NET Core app that reads functions.metadata and serves
/// every HTTP function on its route (checking function keys as the host does), fires every timer from its schedule
/// setting and polls every queue with host.json's dequeue-count and poison semantics, calling the same function classes.
/// </summary>
public static class StandaloneHost
{
    /// <summary>The first argument that selects the standalone host.</summary>
    public const string Switch = "standalone";

    /// <summary>Setting that turns the background triggers (timers, queue polling) off, e.g. for tests that drive them.</summary>
    public const string BackgroundSetting = "Standalone:Background";

    /// <summary>True when the executable was started as the standalone host.</summary>
    public static bool IsRequested(string[] args) =>
        args is { Length: > 0 } && string.Equals(args[0], Switch, StringComparison.OrdinalIgnoreCase);

    /// <summary>The arguments after the switch (what goes to ASP.NET Core).</summary>
    public static string[] ArgumentsAfterSwitch(string[] args) => IsRequested(args) ? args[1..] : args;

    /// <summary>
    /// Builds the host. <paramref name="appDirectory"/> holds functions.metadata, host.json and appsettings.json (the
    /// build output of the Functions project; by default the running executable's folder).
    /// </summary>
    public static WebApplication Build(string[] args, string? appDirectory = null, Action<WebApplicationBuilder>? configure = null)
    {
        var directory = appDirectory ?? AppContext.BaseDirectory;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = directory });
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults() });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_URLS")))
        {
            builder.WebHost.UseUrls(builder.Configuration["Standalone:Urls"] ?? "http://127.0.0.1:7071");
        }

        var functions = StandaloneFunctions.Load(directory, typeof(StandaloneHost).Assembly);
        builder.Services.AddCrmPersonCentricBackend(builder.Configuration, directory);
        builder.Services.AddSingleton(HostName.Standalone);
        builder.Services.AddSingleton(functions);
        builder.Services.AddMvcCore();
        builder.Services.AddOptions<FunctionKeysOptions>().BindConfiguration(FunctionKeysOptions.SectionName);
        builder.Services.AddSingleton<StandaloneTimers>();
        builder.Services.AddSingleton<StandaloneQueuePoller>();
        if (!string.Equals(builder.Configuration[BackgroundSetting], "false", StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<StandaloneTimers>());
            builder.Services.AddHostedService(sp => sp.GetRequiredService<StandaloneQueuePoller>());
        }

        builder.Services.AddOpenTelemetry().WithTracing(t => t.AddAspNetCoreInstrumentation()).AddCrmPersonCentric(builder.Configuration);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseExceptionHandler(errors => errors.Run(WriteProblemAsync));
        foreach (var function in functions.Http)
        {
            Map(app, function);
        }

        return app;
    }

    private static void Map(WebApplication app, FunctionInvoker function)
    {
        var trigger = function.Function.Trigger!;
        var route = "/api/" + (trigger.Route ?? function.Function.Name);
        var methods = (trigger.Methods is { Count: > 0 } m ? m : ["get", "post"]).Select(x => x.ToUpperInvariant());
        app.MapMethods(route, methods, async context =>
        {
            var keys = context.RequestServices.GetRequiredService<IOptions<FunctionKeysOptions>>().Value;
            var result = FunctionKeyCheck.IsAuthorized(context.Request, trigger.AuthLevel, keys)
                ? await function.InvokeAsync(context.RequestServices, new InvocationInput(context, null, 0, null, context.RequestAborted)).ConfigureAwait(false) as IActionResult
                : Problems.Unauthorized();
            await (result ?? new NoContentResult()).ExecuteResultAsync(ActionContextOf(context)).ConfigureAwait(false);
        }).WithName(function.Function.Name);
    }

    private static Task WriteProblemAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error ?? new InvalidOperationException("Unknown failure.");
        return Problems.ForException(error, context.Response).ExecuteResultAsync(ActionContextOf(context));
    }

    private static ActionContext ActionContextOf(HttpContext context) => new(context, context.GetRouteData(), new ActionDescriptor());

    private static Dictionary<string, string?> Defaults()
    {
        var defaults = FunctionSettings.DefaultSchedules.ToDictionary(s => s.Key, s => (string?)s.Value, StringComparer.Ordinal);
        defaults[FunctionSettings.InboxQueueName] = FunctionSettings.DefaultInboxQueue;
        defaults["Reports:LocalFolder"] = "reports";
        return defaults;
    }
}
