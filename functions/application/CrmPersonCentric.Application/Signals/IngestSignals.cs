using System.Collections.Immutable;
using System.Globalization;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Model.Signals;

namespace CrmPersonCentric.Application.Signals;

/// <summary>
/// "A signal was ingested": records from the signals API (a JSON array or CSV, read by the host) or one Dataverse row
/// (the behaviour signal step), each validated by the one <see cref="SignalValidator"/>; valid ones are stored
/// (idempotent by signal id), invalid ones are answered one by one with the field and the reason.
/// </summary>
public sealed class IngestSignals(ISignalStore store, TimeProvider time)
{
    /// <summary>Most records accepted in one request.</summary>
    public const int MaxRecords = 10_000;

    private SignalValidator Validator => new(SignalIds.DataverseGuids, time);

    /// <summary>Validates every record of a batch and stores the valid ones; fields are named as the API names them.</summary>
    public async Task<IngestionOutcome> IngestAsync(IReadOnlyList<SignalInput> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count > MaxRecords)
        {
            return IngestionOutcome.Problem(IngestionVerdict.TooMany, string.Create(CultureInfo.InvariantCulture, $"A request holds at most {MaxRecords} signals; it had {records.Count}."));
        }

        var validator = Validator;
        var accepted = new List<Model.BehaviourSignal>();
        var rejected = new List<RejectedRecord>();
        for (var i = 0; i < records.Count; i++)
        {
            var (signal, problems) = validator.Validate(records[i]);
            if (signal is null)
            {
                rejected.AddRange(problems.Select(p => new RejectedRecord(i + 1, ApiName(p.Field), p.Message)));
            }
            else
            {
                accepted.Add(signal);
            }
        }

        if (accepted.Count == 0)
        {
            return new IngestionOutcome(IngestionVerdict.AllInvalid, new IngestionResult(0, rejected), null);
        }

        var dropped = await store.RecordSignalsAsync(accepted, cancellationToken).ConfigureAwait(false);
        if (dropped > 0)
        {
            rejected.Add(new RejectedRecord(0, "contactId", string.Create(CultureInfo.InvariantCulture, $"{dropped} signal(s) of erased contacts were not stored")));
        }

        return new IngestionOutcome(IngestionVerdict.Stored, new IngestionResult(accepted.Count - dropped, rejected), null);
    }

    /// <summary>Validates and stores one signal (a Dataverse row); the problems when it is not one.</summary>
    public async Task<ImmutableArray<SignalProblem>> RecordAsync(SignalInput record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var (signal, problems) = Validator.Validate(record);
        if (signal is not null)
        {
            await store.RecordSignalAsync(signal, cancellationToken).ConfigureAwait(false);
        }

        return problems;
    }

    /// <summary>A field as the signals API names it (camelCase, as its JSON properties and documentation do).</summary>
    public static string ApiName(SignalField field) => char.ToLowerInvariant(field.ToString()[0]) + field.ToString()[1..];
}
