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
        Http(app, mode, "DataverseWebhook", (HttpRequest r, WebhookService s, CancellationToken ct) => s.AcceptAsync(r, ct));
        Http(app, mode, "IngestSignals", (HttpRequest r, SignalIngestion s, CancellationToken ct) => s.IngestAsync(r, ct));
        Http(app, mode, "EvaluateDriftNow", async (EvaluationService s, CancellationToken ct) => Results.Ok(Summary(await s.RunAsync("admin", write: true, ct).ConfigureAwait(false))));
        Http(app, mode, "ReconcileNow", async (ReconciliationService s, CancellationToken ct) => Results.Ok(await s.RunAsync(ct).ConfigureAwait(false)));
        Http(app, mode, "Poison", (HttpRequest r, string? action, PoisonAdmin admin, CancellationToken ct) => admin.HandleAsync(r, action, ct));
        Http(app, mode, "Health", (HealthCheck h, CancellationToken ct) => h.CheckAsync(ct));

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

    private static void Http(WebApplication app, HostingMode mode, string name, Delegate handler)
    {
        var (route, methods, authLevel) = FunctionRoutes.Http[name];
        var endpoint = app.MapMethods("/api/" + route, methods.Select(m => m.ToUpperInvariant()), handler).WithName(name);
        if (!mode.IsCustomHandler && authLevel != "anonymous")
        {
            endpoint.AddEndpointFilter(async (context, next) =>
            {
                var keys = context.HttpContext.RequestServices.GetRequiredService<IOptions<FunctionKeysOptions>>().Value;
                return FunctionKeyCheck.IsAuthorized(context.HttpContext.Request, authLevel, keys) ? await next(context).ConfigureAwait(false) : Problems.Unauthorized();
            });
        }
    }

    private static void Invocation(WebApplication app, HostingMode mode, string name, Func<InvocationRequest, IServiceProvider, CancellationToken, Task<InvocationResponse>> handler)
    {
        var endpoint = app.MapPost("/" + name, async (HttpContext context, CancellationToken ct) =>
        {
            var request = await context.Request.ReadFromJsonAsync<InvocationRequest>(ct).ConfigureAwait(false) ?? new InvocationRequest();
            return Results.Json(await handler(request, context.RequestServices, ct).ConfigureAwait(false));
        }).WithName(name);
        if (!mode.IsCustomHandler)
        {
            // Under the host only the host (on loopback) calls these; standalone, they are admin operations.
            endpoint.AddEndpointFilter(async (context, next) =>
            {
                var keys = context.HttpContext.RequestServices.GetRequiredService<IOptions<FunctionKeysOptions>>().Value;
                return FunctionKeyCheck.IsAuthorized(context.HttpContext.Request, "admin", keys) ? await next(context).ConfigureAwait(false) : Problems.Unauthorized();
            });
        }
    }
}
