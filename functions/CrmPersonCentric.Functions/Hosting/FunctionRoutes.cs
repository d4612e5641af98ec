namespace CrmPersonCentric.Functions.Hosting;

/// <summary>
/// The routes the server answers for each function: HTTP functions at /api/{route} (the host forwards them as they
/// came), other triggers at POST /{FunctionName} with the host's invocation payload. A test checks this against the
/// function.json files.
/// </summary>
public static class FunctionRoutes
{
    /// <summary>HTTP functions: name → (route, methods, auth level).</summary>
    public static readonly IReadOnlyDictionary<string, (string Route, string[] Methods, string AuthLevel)> Http = new Dictionary<string, (string, string[], string)>(StringComparer.Ordinal)
    {
        ["DataverseWebhook"] = ("dataverse-webhook", ["post"], "function"),
        ["IngestSignals"] = ("signals", ["post"], "function"),
        ["EvaluateDriftNow"] = ("admin/evaluate", ["post"], "admin"),
        ["ReconcileNow"] = ("admin/reconcile", ["post"], "admin"),
        ["Poison"] = ("admin/poison/{action?}", ["get", "post"], "admin"),
        ["Health"] = ("health", ["get"], "anonymous"),
    };

    /// <summary>Non-HTTP functions: name → the binding name the handler reads from Data.</summary>
    public static readonly IReadOnlyDictionary<string, string> Invocations = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["InboxProcessor"] = "inboxMessage",
        ["EvaluateDrift"] = "timer",
        ["WeeklyReport"] = "timer",
        ["Reconcile"] = "timer",
    };
}
