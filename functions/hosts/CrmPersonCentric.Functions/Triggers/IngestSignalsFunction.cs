using CrmPersonCentric.Backend.Services;
using CrmPersonCentric.Backend.Storage;
using CrmPersonCentric.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Functions.Triggers;

/// <summary>
/// POST /api/signals (function key): behaviour signals from systems other than Dataverse, as a JSON array or CSV
/// (text/csv); every record validated, answered {accepted, rejected:[{record, field, message}]}; idempotent by signal id.
/// </summary>
public sealed class IngestSignalsFunction(SignalIngestion ingestion, IOptions<StorageOptions> options)
{
    /// <summary>The function's name.</summary>
    public const string Name = "IngestSignals";

    /// <summary>Ingests one batch.</summary>
    [Function(Name)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "signals")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = options.Value.MaxBodyBytes;
        if (await BodyReader.ReadAsync(request, limit, cancellationToken).ConfigureAwait(false) is not { } body)
        {
            return Problems.TooLarge(limit);
        }

        var isCsv = request.ContentType?.Contains("csv", StringComparison.OrdinalIgnoreCase) == true;
        var outcome = await ingestion.IngestAsync(new SignalBatch(body, isCsv), cancellationToken).ConfigureAwait(false);
        return outcome.Verdict switch
        {
            IngestionVerdict.Stored => new OkObjectResult(outcome.Result),
            IngestionVerdict.AllInvalid => new BadRequestObjectResult(outcome.Result),
            IngestionVerdict.Unreadable => Problems.BadRequest("Unreadable signals", outcome.Detail!),
            IngestionVerdict.TooMany => Problems.BadRequest("Too many signals", outcome.Detail!),
            _ => Problems.Unavailable(request.HttpContext.Response, outcome.Detail!),
        };
    }
}
