using System.Collections.Immutable;
using System.Globalization;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;
using CsvHelper;

namespace CrmPersonCentric.Import;

public sealed partial class OrgDataReader
{
    private ImmutableArray<PersonProfile> ReadContacts(TraitNormalizer normalizer, HashSet<string> personaIds, HashSet<string> seenIds)
    {
        var path = Path.Combine(_directory, DataFiles.Contacts);
        if (!File.Exists(path))
        {
            Add(new ImportError(DataFiles.Contacts, null, null, "is missing from the data directory"));
            return [];
        }

        var profiles = ImmutableArray.CreateBuilder<PersonProfile>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CsvOptions());
        if (!csv.Read() || !csv.ReadHeader() || !RequireHeaders(csv, DataFiles.Contacts, "contactid", "personaid"))
        {
            if (csv.HeaderRecord is null)
            {
                Add(new ImportError(DataFiles.Contacts, null, null, "is empty; expected a header line"));
            }

            return [];
        }

        while (ReadRow(csv, DataFiles.Contacts))
        {
            var line = csv.Parser.RawRow;
            var location = string.Create(CultureInfo.InvariantCulture, $"line {line}");
            var problems = new List<(string Field, string Message)>();
            var id = csv.GetField("contactid")?.Trim() ?? string.Empty;
            if (id.Length == 0)
            {
                problems.Add(("contactid", "is required"));
            }
            else if (!lines.TryAdd(id, line))
            {
                problems.Add(("contactid", string.Create(CultureInfo.InvariantCulture, $"'{id}' is also the id on line {lines[id]}")));
            }
            else
            {
                seenIds.Add(id);
            }

            var personaId = Optional(csv, "personaid");
            if (personaId is not null && !personaIds.Contains(personaId))
            {
                problems.Add(("personaid", $"'{personaId}' is not a persona in {DataFiles.Personas}"));
            }

            var employees = ParseInt(Optional(csv, "employees"), "employees", problems);
            var updated = ParseDate(Optional(csv, "profileupdatedon"), "profileupdatedon", problems) ?? DateTimeOffset.UnixEpoch;
            var traits = new List<KeyValuePair<TraitDimension, IEnumerable<string>>>();
            foreach (var dimension in TraitDimensions.All)
            {
                var result = normalizer.NormalizeList(dimension, Optional(csv, dimension.ToFieldName()));
                problems.AddRange(result.Errors.Select(e => (e.Field, e.Message)));
                traits.Add(new(dimension, result.Keys.ToList()));
            }

            var trust = ParseTrust(Optional(csv, "trustsignals"), problems);
            foreach (var (field, message) in problems)
            {
                Add(new ImportError(DataFiles.Contacts, location, field, message));
            }

            if (problems.Count == 0)
            {
                profiles.Add(new PersonProfile(
                    id,
                    personaId,
                    TraitSet.Create(traits),
                    Optional(csv, "deeppersonaldesire"),
                    Optional(csv, "emotionalstakes"),
                    trust,
                    new AccountProfile(Key(Optional(csv, "industry")), employees, Key(Optional(csv, "region"))),
                    updated));
            }
        }

        return profiles.ToImmutable();
    }

    private ImmutableArray<BehaviourSignal> ReadSignals(HashSet<string> contactIds)
    {
        var path = Path.Combine(_directory, DataFiles.Signals);
        if (!File.Exists(path))
        {
            return [];
        }

        var signals = ImmutableArray.CreateBuilder<BehaviourSignal>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CsvOptions());
        if (!csv.Read() || !csv.ReadHeader() || !RequireHeaders(csv, DataFiles.Signals, "signalid", "contactid", "type", "occurredon"))
        {
            return [];
        }

        while (ReadRow(csv, DataFiles.Signals))
        {
            var line = csv.Parser.RawRow;
            var problems = new List<(string Field, string Message)>();
            var id = csv.GetField("signalid")?.Trim() ?? string.Empty;
            if (id.Length == 0)
            {
                problems.Add(("signalid", "is required"));
            }
            else if (!lines.TryAdd(id, line))
            {
                problems.Add(("signalid", string.Create(CultureInfo.InvariantCulture, $"'{id}' is also the id on line {lines[id]}")));
            }

            var contactId = Optional(csv, "contactid");
            if (contactId is null)
            {
                problems.Add(("contactid", "is required"));
            }
            else if (!contactIds.Contains(contactId))
            {
                problems.Add(("contactid", $"'{contactId}' is not a contact in {DataFiles.Contacts}"));
            }

            var typeText = Optional(csv, "type");
            if (!Enum.TryParse<BehaviourType>(typeText, ignoreCase: true, out var type) || !Enum.IsDefined(type) || int.TryParse(typeText, out _))
            {
                problems.Add(("type", $"'{typeText}' is not one of {string.Join(", ", Enum.GetNames<BehaviourType>())}"));
            }

            var occurred = ParseDate(Optional(csv, "occurredon"), "occurredon", problems);
            if (occurred is null && !problems.Any(p => p.Field == "occurredon"))
            {
                problems.Add(("occurredon", "is required"));
            }

            var layerNumber = ParseInt(Optional(csv, "layer"), "layer", problems);
            MessagingLayer? layer = null;
            if (layerNumber is { } l)
            {
                if (l is < 1 or > 4)
                {
                    problems.Add(("layer", string.Create(CultureInfo.InvariantCulture, $"must be 1 to 4, was {l}")));
                }
                else
                {
                    layer = (MessagingLayer)l;
                }
            }
            else if (type == BehaviourType.MessagingResponse)
            {
                problems.Add(("layer", "is required for messagingResponse signals (1 to 4)"));
            }

            SignalSource? source = null;
            if (Optional(csv, "source") is { } sourceText)
            {
                if (SignalSources.TryParse(sourceText, out var parsed))
                {
                    source = parsed;
                }
                else
                {
                    problems.Add(("source", $"'{sourceText}' is not one of {SignalSources.Names}"));
                }
            }

            var related = Optional(csv, "relatedcontactid");
            if (related is not null)
            {
                if (type != BehaviourType.Referral)
                {
                    problems.Add(("relatedcontactid", "applies only to referral signals (the contact who was referred)"));
                }
                else if (related.Length > MaxIdLength)
                {
                    problems.Add(("relatedcontactid", string.Create(CultureInfo.InvariantCulture, $"is longer than {MaxIdLength} characters")));
                }
                else if (string.Equals(related, contactId, StringComparison.Ordinal))
                {
                    problems.Add(("relatedcontactid", "is the referring contact itself"));
                }
            }

            foreach (var (field, message) in problems)
            {
                Add(new ImportError(DataFiles.Signals, string.Create(CultureInfo.InvariantCulture, $"line {line}"), field, message));
            }

            if (problems.Count == 0)
            {
                signals.Add(new BehaviourSignal(id, contactId!, type, occurred!.Value, Optional(csv, "theme"), type == BehaviourType.MessagingResponse ? layer : null, source, related));
            }
        }

        return signals.ToImmutable();
    }

    /// <summary>Longest id accepted in an id column (a Dataverse GUID is 36; exports from other systems are longer).</summary>
    private const int MaxIdLength = 100;

    private bool ReadRow(CsvReader csv, string file)
    {
        try
        {
            return csv.Read();
        }
        catch (CsvHelperException ex)
        {
            Add(new ImportError(file, string.Create(CultureInfo.InvariantCulture, $"line {csv.Parser.RawRow}"), null, "is not valid CSV: " + ex.GetType().Name));
            return false;
        }
    }

    private static string? Optional(CsvReader csv, string column) =>
        csv.TryGetField<string>(column, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static string? Key(string? value) => value is null ? null : Documents.PersonaDocumentMapper.Key(value);

    private static int? ParseInt(string? text, string field, List<(string, string)> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0)
        {
            return value;
        }

        problems.Add((field, $"'{text}' is not a whole number of 0 or more"));
        return null;
    }

    private static DateTimeOffset? ParseDate(string? text, string field, List<(string, string)> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }

        problems.Add((field, $"'{text}' is not an ISO 8601 date"));
        return null;
    }

    private static TrustModes ParseTrust(string? text, List<(string, string)> problems)
    {
        var modes = TrustModes.None;
        if (text is null)
        {
            return modes;
        }

        foreach (var item in text.Split([';', '|', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (TrustExpectation.TryParse(item, out var mode))
            {
                modes |= mode;
            }
            else
            {
                problems.Add(("trustsignals", $"'{item}' is not one of peerReferral, community, content, salesLed"));
            }
        }

        return modes;
    }
}
