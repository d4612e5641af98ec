using System.Collections.Immutable;
using System.Globalization;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Import;

public sealed partial class OrgDataReader
{
    private static readonly char[] TrustSeparators = [';', '|', ','];

    private ImmutableArray<PersonProfile> ReadContacts(TraitNormalizer normalizer, HashSet<string>? personaIds, ContactIds contacts)
    {
        using var csv = CsvFile.Open(_directory, DataFiles.Contacts, required: true, Add);
        if (csv is null || !csv.ReadHeader("contactid", "personaid"))
        {
            contacts.Complete = false;
            return [];
        }

        var profiles = ImmutableArray.CreateBuilder<PersonProfile>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var memo = new TraitMemo();
        var keys = new Dictionary<string, string>(StringComparer.Ordinal); // industry and region names → keys, each made once
        var cells = new TraitCells(normalizer, memo);
        foreach (var record in csv.Records())
        {
            // Nothing of contacts.csv is repeated in a message: it holds people's traits and desires, and a value in
            // the wrong column may be one.
            var problems = new List<(string Field, string Message)>();
            var id = record.Optional("contactid") ?? string.Empty;
            if (id.Length == 0)
            {
                problems.Add(("contactid", "is required"));
            }
            else if (!lines.TryAdd(id, record.Line))
            {
                problems.Add(("contactid", string.Create(CultureInfo.InvariantCulture, $"is also the contact id on line {lines[id]}")));
            }
            else
            {
                contacts.Known.Add(id);
            }

            var personaId = record.Optional("personaid");
            if (personaId is not null && personaIds is not null && personaIds.TryGetValue(personaId, out var persona))
            {
                personaId = persona; // the persona's own string: every profile is kept until the evaluation
            }
            else if (personaId is not null && personaIds is not null)
            {
                var reason = $"is not the id of a persona in {DataFiles.Personas}{DriftRulesJson.ClosestHint(personaId, personaIds)}";
                if (_options.Strict)
                {
                    problems.Add(("personaid", reason));
                }
                else if (problems.Count == 0)
                {
                    // Left out, counted and reported; the rest of the data is evaluated (--strict refuses instead).
                    contacts.LeftOut.Add(id);
                    _contactsLeftOut++;
                    LeaveOut(new ImportError(DataFiles.Contacts, record.Location, "personaid", reason + "; the contact was left out"));
                    continue;
                }
            }

            var employees = ParseCount(record.Optional("employees"), "employees", problems);
            var updated = ParseDate(record.Optional("profileupdatedon"), "profileupdatedon", problems) ?? DateTimeOffset.UnixEpoch;
            var traits = new ImmutableArray<string>[TraitDimensions.Count];
            foreach (var dimension in TraitDimensions.All)
            {
                var (cellKeys, errors) = cells.Read(dimension, record.Optional(dimension.ToFieldName()));
                foreach (var error in errors)
                {
                    problems.Add((error.Field, error.Message));
                }

                traits[(int)dimension] = cellKeys;
            }

            var trust = ParseTrust(record.Optional("trustsignals"), problems);
            foreach (var (field, message) in problems)
            {
                Add(new ImportError(DataFiles.Contacts, record.Location, field, message));
            }

            if (problems.Count == 0)
            {
                profiles.Add(new PersonProfile(
                    id,
                    personaId,
                    TraitSet.FromDimensions(traits),
                    record.Optional("deeppersonaldesire"),
                    record.Optional("emotionalstakes"),
                    trust,
                    new AccountProfile(Key(record.Optional("industry"), keys), employees, Key(record.Optional("region"), keys)),
                    updated));
            }
        }

        // A record that could not be read names no contact: signals of unknown contacts are then not reported, since
        // the run stops on that record's error anyway and they would bury it.
        contacts.Complete = csv.Malformed == 0;
        return profiles.ToImmutable();
    }

    /// <summary>
    /// A trait column's text, read once per distinct text: its keys sorted as a trait set holds them, and its problems.
    /// People who share a text share its array of keys, so a million contacts hold a few thousand arrays instead of a
    /// million that each survive to the evaluation. Past the first <see cref="AlwaysKept"/> texts of a dimension, a new one
    /// is remembered only while texts come again at least as often as new ones arrive, and never more than
    /// <see cref="MaxCells"/> (so texts that are all different do not hold their copies to the end of the read); a text
    /// not remembered is worked out again, with the same result.
    /// </summary>
    private sealed class TraitCells(TraitNormalizer normalizer, TraitMemo memo)
    {
        private const int AlwaysKept = 10_000;
        private const int MaxCells = 100_000;
        private readonly long[] _hits = new long[TraitDimensions.Count];
        private readonly Dictionary<string, (ImmutableArray<string>, ImmutableArray<ValidationError>)>[] _cells =
            [.. TraitDimensions.All.Select(_ => new Dictionary<string, (ImmutableArray<string>, ImmutableArray<ValidationError>)>(StringComparer.Ordinal))];

        public (ImmutableArray<string> Keys, ImmutableArray<ValidationError> Errors) Read(TraitDimension dimension, string? text)
        {
            if (text is null)
            {
                return ([], []);
            }

            var cells = _cells[(int)dimension];
            if (cells.TryGetValue(text, out var known))
            {
                _hits[(int)dimension]++;
                return known;
            }

            var result = normalizer.NormalizeList(dimension, text, memo: memo);
            var read = (TraitSet.SortedKeys(result.Keys), result.Errors);
            if (cells.Count < AlwaysKept || (cells.Count < MaxCells && _hits[(int)dimension] >= cells.Count))
            {
                cells.Add(text, read);
            }

            return read;
        }
    }

    private static string? Key(string? value, Dictionary<string, string> keys)
    {
        if (value is null)
        {
            return null;
        }

        if (!keys.TryGetValue(value, out var key))
        {
            key = Documents.PersonaDocumentMapper.Key(value);
            keys.Add(value, key);
        }

        return key;
    }

    private static int? ParseCount(string? text, string field, List<(string, string)> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0)
        {
            return value;
        }

        problems.Add((field, "is not a whole number of 0 or more"));
        return null;
    }

    private static DateTimeOffset? ParseDate(string? text, string field, List<(string, string)> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (IsoDates.TryParse(text, out var value))
        {
            return value;
        }

        problems.Add((field, "is not " + IsoDates.ExpectedForm));
        return null;
    }

    private static TrustModes ParseTrust(string? text, List<(string, string)> problems)
    {
        var modes = TrustModes.None;
        if (text is null)
        {
            return modes;
        }

        foreach (var item in text.Split(TrustSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (TrustExpectation.TryParse(item, out var mode))
            {
                modes |= mode;
            }
            else
            {
                problems.Add(("trustsignals", "holds a value that is not one of peerReferral, community, content, salesLed"));
                break;
            }
        }

        return modes;
    }
}
