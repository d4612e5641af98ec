using System.Globalization;
using System.Text.Json;
using CrmPersonCentric.Backend.Runtime;
using CrmPersonCentric.Backend.Storage;
using CrmPersonCentric.Model;
using CsvHelper;
using CsvHelper.Configuration;

namespace CrmPersonCentric.Backend.Services;

/// <summary>
/// Signal ingestion for systems other than Dataverse: a JSON array (or {"signals": [...]}) or CSV with the columns
/// signalId, contactId, type, occurredOn, theme, layer. Every record is validated; valid ones are stored (idempotent
/// by signal id), invalid ones are answered one by one with the field and the reason.
/// </summary>
public sealed class SignalIngestion(SignalStore store, TimeProvider time)
{
    /// <summary>Most records accepted in one request.</summary>
    public const int MaxRecords = 10_000;

    /// <summary>Validates every record of a batch and stores the valid ones.</summary>
    public async Task<SignalIngestionOutcome> IngestAsync(SignalBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        List<SignalRecord> records;
        try
        {
            records = batch.IsCsv ? ReadCsv(batch.Body) : ReadJson(batch.Body);
        }
        catch (Exception ex) when (ex is JsonException or CsvHelperException or FormatException)
        {
            return SignalIngestionOutcome.Problem(IngestionVerdict.Unreadable, "The body is not " + (batch.IsCsv ? "CSV with a header line" : "a JSON array of signals") + ": " + ex.Message.Split(Environment.NewLine)[0]);
        }

        if (records.Count > MaxRecords)
        {
            return SignalIngestionOutcome.Problem(IngestionVerdict.TooMany, $"A request holds at most {MaxRecords} signals; it had {records.Count}.");
        }

        var accepted = new List<BehaviourSignal>();
        var rejected = new List<RejectedRecord>();
        for (var i = 0; i < records.Count; i++)
        {
            var (signal, problems) = Validate(records[i]);
            if (signal is null)
            {
                rejected.AddRange(problems.Select(p => new RejectedRecord(i + 1, p.Field, p.Message)));
            }
            else
            {
                accepted.Add(signal);
            }
        }

        if (accepted.Count == 0)
        {
            return new SignalIngestionOutcome(IngestionVerdict.AllInvalid, new IngestionResult(0, rejected), null);
        }

        try
        {
            var dropped = await store.RecordSignalsAsync(accepted, cancellationToken).ConfigureAwait(false);
            if (dropped > 0)
            {
                rejected.Add(new RejectedRecord(0, "contactId", $"{dropped} signal(s) of erased contacts were not stored"));
            }

            return new SignalIngestionOutcome(IngestionVerdict.Stored, new IngestionResult(accepted.Count - dropped, rejected), null);
        }
        catch (Exception ex) when (TransientFaults.IsTransient(ex))
        {
            return SignalIngestionOutcome.Problem(IngestionVerdict.Unavailable, "Storage is unavailable; some signals of this request may not have been stored. Retry the whole request: signal ids make a repeated signal harmless.");
        }
    }

    private (BehaviourSignal? Signal, List<ValidationError> Problems) Validate(SignalRecord record)
    {
        var problems = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(record.SignalId) || record.SignalId.Length > 200)
        {
            problems.Add(new("signalId", "is required, at most 200 characters"));
        }

        if (string.IsNullOrWhiteSpace(record.ContactId) || !Guid.TryParse(record.ContactId, out _))
        {
            problems.Add(new("contactId", "must be the Dataverse contact id (a GUID)"));
        }

        var typeOk = Enum.TryParse<BehaviourType>(record.Type, ignoreCase: true, out var type) && Enum.IsDefined(type) && !int.TryParse(record.Type, out _);
        if (!typeOk)
        {
            problems.Add(new("type", "must be one of " + string.Join(", ", Enum.GetNames<BehaviourType>())));
        }

        if (!DateTimeOffset.TryParse(record.OccurredOn, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var occurred))
        {
            problems.Add(new("occurredOn", "must be an ISO 8601 date"));
        }
        else if (occurred > time.GetUtcNow().AddDays(1))
        {
            problems.Add(new("occurredOn", "is in the future"));
        }

        if (record.Layer is { } layer && layer is < 1 or > 4)
        {
            problems.Add(new("layer", "must be 1 to 4"));
        }
        else if (typeOk && type == BehaviourType.MessagingResponse && record.Layer is null)
        {
            problems.Add(new("layer", "is required for messagingResponse"));
        }

        if (record.Theme is { Length: > 200 })
        {
            problems.Add(new("theme", "is longer than 200 characters"));
        }

        SignalSource? source = null;
        if (!string.IsNullOrWhiteSpace(record.Source))
        {
            if (SignalSources.TryParse(record.Source, out var parsed))
            {
                source = parsed;
            }
            else
            {
                problems.Add(new("source", "must be one of " + SignalSources.Names));
            }
        }

        string? related = null;
        if (!string.IsNullOrWhiteSpace(record.RelatedContactId))
        {
            if (!Guid.TryParse(record.RelatedContactId, out var relatedId))
            {
                problems.Add(new("relatedContactId", "must be the Dataverse id (a GUID) of the contact who was referred"));
            }
            else if (typeOk && type != BehaviourType.Referral)
            {
                problems.Add(new("relatedContactId", "applies only to referral signals"));
            }
            else if (Guid.TryParse(record.ContactId, out var contactId) && relatedId == contactId)
            {
                problems.Add(new("relatedContactId", "is the referring contact itself"));
            }
            else
            {
                related = relatedId.ToString("D");
            }
        }

        return problems.Count > 0
            ? (null, problems)
            : (new BehaviourSignal(record.SignalId!.Trim(), Guid.Parse(record.ContactId!).ToString("D"), type, occurred, record.Theme, type == BehaviourType.MessagingResponse ? (MessagingLayer)record.Layer!.Value : null, source, related), problems);
    }

    private static List<SignalRecord> ReadJson(string body)
    {
        using var document = JsonDocument.Parse(body);
        var array = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("signals", out var inner) ? inner : document.RootElement;
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("expected an array of signals (or {\"signals\": [...]})");
        }

        return [.. array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Object ? e.Deserialize(BackendJsonContext.Default.SignalRecord) ?? new SignalRecord() : new SignalRecord())];
    }

    private static List<SignalRecord> ReadCsv(string body)
    {
        using var reader = new StringReader(body);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            MissingFieldFound = null,
            HeaderValidated = null,
            TrimOptions = TrimOptions.Trim,
        });
        var records = new List<SignalRecord>();
        if (!csv.Read() || !csv.ReadHeader())
        {
            return records;
        }

        while (csv.Read())
        {
            records.Add(new SignalRecord
            {
                SignalId = csv.GetField("signalid"),
                ContactId = csv.GetField("contactid"),
                Type = csv.GetField("type"),
                OccurredOn = csv.GetField("occurredon"),
                Theme = csv.TryGetField<string>("theme", out var theme) && !string.IsNullOrEmpty(theme) ? theme : null,
                Layer = csv.TryGetField<string>("layer", out var layer) && int.TryParse(layer, CultureInfo.InvariantCulture, out var l) ? l : null,
                Source = csv.TryGetField<string>("source", out var source) && !string.IsNullOrEmpty(source) ? source : null,
                RelatedContactId = csv.TryGetField<string>("relatedcontactid", out var related) && !string.IsNullOrEmpty(related) ? related : null,
            });
        }

        return records;
    }
}
