using System.Collections.Immutable;
using System.Globalization;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Import;

public sealed partial class OrgDataReader
{
    /// <summary>Longest id accepted in an id column (a Dataverse GUID is 36; exports from other systems are longer).</summary>
    private const int MaxIdLength = 100;

    private ImmutableArray<BehaviourSignal> ReadSignals(ContactIds contacts)
    {
        using var csv = CsvFile.Open(_directory, DataFiles.Signals, required: false, Add);
        if (csv is null || !csv.ReadHeader("signalid", "contactid", "type", "occurredon"))
        {
            return [];
        }

        var signals = ImmutableArray.CreateBuilder<BehaviourSignal>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in csv.Records())
        {
            var contactId = record.Optional("contactid");
            if (contactId is not null && contacts.LeftOut.Contains(contactId))
            {
                _signalsLeftOut++;
                continue;
            }

            var problems = new List<(string Field, string Message)>();
            var id = record.Optional("signalid") ?? string.Empty;
            if (id.Length == 0)
            {
                problems.Add(("signalid", "is required"));
            }
            else if (id.Length > MaxIdLength)
            {
                problems.Add(("signalid", string.Create(CultureInfo.InvariantCulture, $"is longer than {MaxIdLength} characters")));
            }
            else if (!lines.TryAdd(id, record.Line))
            {
                problems.Add(("signalid", string.Create(CultureInfo.InvariantCulture, $"{Echo.Quote(id)} is also the id on line {lines[id]}")));
            }

            if (contactId is null)
            {
                problems.Add(("contactid", "is required"));
            }
            else if (contacts.Complete && !contacts.Known.Contains(contactId))
            {
                problems.Add(("contactid", $"{Echo.Quote(contactId)} is not a contact in {DataFiles.Contacts}"));
            }

            var typeText = record.Optional("type");
            if (!Enum.TryParse<BehaviourType>(typeText, ignoreCase: true, out var type) || !Enum.IsDefined(type) || int.TryParse(typeText, out _))
            {
                problems.Add(("type", $"{Echo.Quote(typeText)} is not one of {Echo.NamesOf<BehaviourType>()}"));
            }

            var occurred = ParseDate(record.Optional("occurredon"), "occurredon", problems);
            if (occurred is null && !problems.Any(p => p.Field == "occurredon"))
            {
                problems.Add(("occurredon", "is required"));
            }

            var layerNumber = ParseCount(record.Optional("layer"), "layer", problems);
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
            else if (type == BehaviourType.MessagingResponse && !problems.Any(p => p.Field == "layer"))
            {
                problems.Add(("layer", "is required for messagingResponse signals (1 to 4)"));
            }

            SignalSource? source = null;
            if (record.Optional("source") is { } sourceText)
            {
                if (SignalSources.TryParse(sourceText, out var parsed))
                {
                    source = parsed;
                }
                else
                {
                    problems.Add(("source", $"{Echo.Quote(sourceText)} is not one of {SignalSources.Names}"));
                }
            }

            var related = record.Optional("relatedcontactid");
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
                Add(new ImportError(DataFiles.Signals, record.Location, field, message));
            }

            if (problems.Count == 0)
            {
                signals.Add(new BehaviourSignal(id, contactId!, type, occurred!.Value, record.Optional("theme"), type == BehaviourType.MessagingResponse ? layer : null, source, related));
            }
        }

        return signals.ToImmutable();
    }
}
