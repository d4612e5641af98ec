using CrmPersonCentric.Functions.Services;
using CrmPersonCentric.Functions.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Functions.Hosting;

/// <summary>Maps every function to its route.</summary>
public static class FunctionEndpoints
{
    /// <summary>Maps the routes; in standalone mode function and admin routes check the key themselves.</summary>
    public static void MapFunctions(this WebApplication app, HostingMode mode)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(mode);
        Http(app, mode, "DataverseWebhook", c => Service<WebhookService>(c).AcceptAsync(c.Request, c.RequestAborted));
        Http(app, mode, "IngestSignals", c => Service<SignalIngestion>(c).IngestAsync(c.Request, c.RequestAborted));
        Http(app, mode, "EvaluateDriftNow", async c => Results.Ok(Summary(await Service<EvaluationService>(c).RunAsync("admin", write: true, c.RequestAborted).ConfigureAwait(false))));
        Http(app, mode, "ReconcileNow", async c => Results.Ok(await Service<ReconciliationService>(c).RunAsync(c.RequestAborted).ConfigureAwait(false)));
        Http(app, mode, "Poison", c => Service<PoisonAdmin>(c).HandleAsync(c.Request, c.Request.RouteValues["action"] as string, c.RequestAborted));
        Http(app, mode, "Health", c => Service<HealthCheck>(c).CheckAsync(c.RequestAborted));

        Invocation(app, mode, "InboxProcessor", async (InvocationRequest request, IServiceProvider services, CancellationToken ct) =>
        {
            var text = request.Text(FunctionRoutes.Invocations["InboxProcessor"])
                ?? throw new BadHttpRequestException("The invocation has no Data.inboxMessage.");
            var outcome = await services.GetRequiredService<InboxProcessor>().ProcessAsync(text, request.MetadataInt("DequeueCount") ?? 1, ct).ConfigureAwait(false);
            return InvocationResponse.Of(null, $"Inbox message {outcome}.");
        });
        Invocation(app, mode, "EvaluateDrift", async (InvocationRequest _, IServiceProvider services, CancellationToken ct) =>
            InvocationResponse.Of(null, "Evaluation " + Summary(await services.GetRequiredService<EvaluationService>().RunAsync("timer", write: true, ct).ConfigureAwait(false)).Outcome));
        Invocation(app, mode, "WeeklyReport", async (InvocationRequest _, IServiceProvider services, CancellationToken ct) =>
            InvocationResponse.Of(null, $"Reports archived: {(await services.GetRequiredService<ReportService>().RunAsync(ct).ConfigureAwait(false)).Count}"));
        Invocation(app, mode, "Reconcile", async (InvocationRequest _, IServiceProvider services, CancellationToken ct) =>
            InvocationResponse.Of(null, "Reconciliation " + await services.GetRequiredService<ReconciliationService>().RunAsync(ct).ConfigureAwait(false)));
    }

    /// <summary>A short, data-free summary of an evaluation result.</summary>
    public static EvaluationSummary Summary(EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Outcome, result.Contacts, result.Evaluation?.Drift.Count() ?? 0, result.Evaluation?.Suggestions.Length ?? 0, result.Written);
    }

    private static T Service<T>(HttpContext context)
        where T : notnull => context.RequestServices.GetRequiredService<T>();

    // Handlers are plain request delegates (no reflection-built parameter binding), so the Native AOT executable
    // serves exactly what the tests exercise; standalone, the function key is checked before the handler runs.
    private static void Http(WebApplication app, HostingMode mode, string name, Func<HttpContext, Task<IResult>> handler)
    {
        var (route, methods, authLevel) = FunctionRoutes.Http[name];
        var checkKey = !mode.IsCustomHandler && authLevel != "anonymous";
        app.MapMethods("/api/" + route, methods.Select(m => m.ToUpperInvariant()), async context =>
        {
            var result = checkKey && !Authorized(context, authLevel) ? Problems.Unauthorized() : await handler(context).ConfigureAwait(false);
            await result.ExecuteAsync(context).ConfigureAwait(false);
        }).WithName(name);
    }

    private static void Invocation(WebApplication app, HostingMode mode, string name, Func<InvocationRequest, IServiceProvider, CancellationToken, Task<InvocationResponse>> handler)
    {
        // Under the host only the host (on loopback) calls these; standalone, they are admin operations.
        var checkKey = !mode.IsCustomHandler;
        app.MapPost("/" + name, async context =>
        {
            if (checkKey && !Authorized(context, "admin"))
            {
                await Problems.Unauthorized().ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            var ct = context.RequestAborted;
            var request = await context.Request.ReadFromJsonAsync(FunctionsJsonContext.Default.InvocationRequest, ct).ConfigureAwait(false) ?? new InvocationRequest();
            var response = await handler(request, context.RequestServices, ct).ConfigureAwait(false);
            await Results.Json(response, FunctionsJsonContext.Default.InvocationResponse).ExecuteAsync(context).ConfigureAwait(false);
        }).WithName(name);
    }

    private static bool Authorized(HttpContext context, string authLevel) =>
        FunctionKeyCheck.IsAuthorized(context.Request, authLevel, context.RequestServices.GetRequiredService<IOptions<FunctionKeysOptions>>().Value);
}
