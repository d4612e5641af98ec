using CrmPersonCentric.Application.Contacts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CrmPersonCentric.Functions.Triggers;

/// <summary>POST /api/admin/reconcile (admin key): runs the repair now and answers what it checked, repaired and erased.</summary>
public sealed class ReconcileNowFunction(ReconcileContacts reconciliation)
{
    /// <summary>The function's name.</summary>
    public const string Name = "ReconcileNow";

    /// <summary>Runs the repair.</summary>
    [Function(Name)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "admin/reconcile")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new OkObjectResult(await reconciliation.RunAsync(cancellationToken).ConfigureAwait(false));
}
