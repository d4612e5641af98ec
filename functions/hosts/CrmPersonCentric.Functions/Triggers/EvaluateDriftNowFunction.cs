using CrmPersonCentric.Application.Evaluation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CrmPersonCentric.Functions.Triggers;

/// <summary>POST /api/admin/evaluate (admin key): runs the evaluation now and answers a data-free summary.</summary>
public sealed class EvaluateDriftNowFunction(EvaluateDrift evaluations)
{
    /// <summary>The function's name.</summary>
    public const string Name = "EvaluateDriftNow";

    /// <summary>Runs one evaluation.</summary>
    [Function(Name)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "admin/evaluate")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new OkObjectResult(EvaluationSummary.Of(await evaluations.RunAsync("admin", cancellationToken: cancellationToken).ConfigureAwait(false)));
}
