using CrmPersonCentric.Application.Signals;
using CrmPersonCentric.Dataverse.Webhook;
using CrmPersonCentric.Functions.Http;
using CrmPersonCentric.Model.Signals;
using CrmPersonCentric.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Functions.Triggers;

/// <summary>
/// POST /api/signals (function key): behaviour signals from systems other than Dataverse, as a JSON array or CSV
/// (text/csv); every record validated, answered {accepted, rejected:[{record, field, message}]}; idempotent by signal id.
/// </summary>
public sealed class IngestSignalsFunction(IngestSignals ingestion, IOptions<StorageOptions> options)
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
        IReadOnlyList<SignalInput> records;
        try
        {
            records = SignalBody.Read(body, isCsv);
        }
        catch (FormatException ex)
        {
            return Problems.BadRequest("Unreadable signals", ex.Message);
        }

        IngestionOutcome outcome;
        try
        {
            outcome = await ingestion.IngestAsync(records, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (TransientFaults.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
        {
            return Problems.Unavailable(request.HttpContext.Response, "Storage is unavailable; some signals of this request may not have been stored. Retry the whole request: signal ids make a repeated signal harmless.");
        }

        return outcome.Verdict switch
        {
            IngestionVerdict.Stored => new OkObjectResult(outcome.Result),
            IngestionVerdict.AllInvalid => new BadRequestObjectResult(outcome.Result),
            _ => Problems.BadRequest("Too many signals", outcome.Detail!),
        };
    }
}
