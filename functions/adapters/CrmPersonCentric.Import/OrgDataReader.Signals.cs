using System.Collections.Immutable;
using System.Globalization;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Signals;

namespace CrmPersonCentric.Import;

public sealed partial class OrgDataReader
{
    private ImmutableArray<BehaviourSignal> ReadSignals(ContactIds contacts)
    {
        using var csv = CsvFile.Open(_directory, DataFiles.Signals, required: false, Add);
        if (csv is null)
        {
            return [];
        }

        var signals = ImmutableArray.CreateBuilder<BehaviourSignal>();
        var validator = new SignalValidator(SignalIds.ExportIds, _options.Clock);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var themes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in SignalsCsv.Read(csv))
        {
            var input = Shared(record.Input, contacts.Known, themes);
            var contactId = input.ContactId;
            if (contactId is not null && contacts.LeftOut.Contains(contactId))
            {
                _signalsLeftOut++;
                continue;
            }

            // The one signal validator (the signals API and the webhook's rows use it too); what only a data directory
            // can check stays here: ids unique in the file, the contact present in contacts.csv.
            var (signal, validation) = validator.Validate(input);
            var signalId = input.SignalId?.Trim();
            var duplicate = signalId is { Length: > 0 and <= SignalValidator.MaxIdLength } && !lines.TryAdd(signalId, record.Line);
            var unknown = contactId is not null && contacts.Complete && !contacts.Known.Contains(contactId);
            if (validation.IsEmpty && !duplicate && !unknown)
            {
                signals.Add(signal!);
                continue;
            }

            var problems = validation.Select(p => (Field: SignalsCsv.ColumnOf(p.Field), p.Message)).ToList();
            if (duplicate)
            {
                problems.Add(("signalid", string.Create(CultureInfo.InvariantCulture, $"{Echo.Quote(signalId!)} is also the id on line {lines[signalId!]}")));
            }

            if (unknown)
            {
                problems.Add(("contactid", $"{Echo.Quote(contactId)} is not a contact in {DataFiles.Contacts}"));
            }

            foreach (var (field, message) in problems.OrderBy(p => SignalsCsv.OrderOf(p.Field)))
            {
                Add(new ImportError(DataFiles.Signals, record.Location, field, message));
            }
        }

        return signals.ToImmutable();
    }

    /// <summary>
    /// The input with its contact ids and theme as the strings already held (the contacts' own ids, the first record of
    /// each theme): every signal is kept until the evaluation, and a million signals that each hold their own copies
    /// are millions more objects for the collector to move while the file is read.
    /// </summary>
    private static SignalInput Shared(SignalInput input, HashSet<string> contactIds, HashSet<string> themes)
    {
        var contact = input.ContactId is { } c && contactIds.TryGetValue(c, out var known) ? known : input.ContactId;
        var related = input.RelatedContactId is { } r && contactIds.TryGetValue(r, out var knownRelated) ? knownRelated : input.RelatedContactId;
        var theme = input.Theme;
        if (theme is not null && !themes.TryGetValue(theme, out theme))
        {
            theme = input.Theme!;
            themes.Add(theme);
        }

        return ReferenceEquals(contact, input.ContactId) && ReferenceEquals(related, input.RelatedContactId) && ReferenceEquals(theme, input.Theme)
            ? input
            : input with { ContactId = contact, RelatedContactId = related, Theme = theme };
    }
}
