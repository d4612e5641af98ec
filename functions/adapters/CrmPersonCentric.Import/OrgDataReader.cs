using System.Collections.Immutable;
using System.Globalization;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Import;

/// <summary>
/// Reads a data directory (docs/data-format.md) into validated <see cref="OrgData"/>. Every problem names the file,
/// the line or record, and the field; reading goes on to collect up to <see cref="MaxErrors"/> problems, then throws
/// them all in one <see cref="ImportException"/>. Error messages never repeat a value of contacts.csv (it holds people's
/// traits and desires), and repeat other values only shortened (<see cref="Echo"/>). A file that cannot be read at all
/// (not JSON, not UTF-8) is reported alone, without the errors it would cause in the files that refer to it.
/// </summary>
public sealed partial class OrgDataReader
{
    /// <summary>The most problems collected before giving up.</summary>
    public const int MaxErrors = 100;

    /// <summary>The most left-out records described one by one (all are counted).</summary>
    private const int MaxNotes = 10;

    private readonly string _directory;
    private readonly ImportOptions _options;
    private readonly List<ImportError> _errors = [];
    private readonly List<ImportError> _leftOut = [];
    private int _contactsLeftOut;
    private int _signalsLeftOut;

    private OrgDataReader(string directory, ImportOptions options)
    {
        _directory = directory;
        _options = options;
    }

    /// <summary>Reads and validates the directory.</summary>
    /// <exception cref="ImportException">Something is missing or invalid; every problem is listed.</exception>
    public static OrgData Read(string directory, ImportOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new ImportException([new ImportError(directory, null, null, "the data directory does not exist")]);
        }

        return new OrgDataReader(directory, options ?? new ImportOptions()).ReadAll();
    }

    /// <summary>
    /// The settings of an evaluation whose personas and people come from elsewhere (a lake export): the trait taxonomy,
    /// themes, export facts and rules from a settings directory (each file optional; none without a directory), the
    /// personas read with that taxonomy's normaliser, the rules checked against their ids. No contacts or signals.
    /// </summary>
    /// <exception cref="ImportException">A settings file is invalid; every problem is listed.</exception>
    public static OrgData ReadSettings(string? directory, ImportOptions? options, string organisation, Func<TraitNormalizer, ImmutableArray<Persona>> personas)
    {
        ArgumentNullException.ThrowIfNull(personas);
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new ImportException([new ImportError(directory, null, null, "the settings directory does not exist")]);
        }

        var reader = new OrgDataReader(directory ?? Path.Combine(Path.GetTempPath(), "cpc-no-settings-" + Guid.NewGuid().ToString("N")), options ?? new ImportOptions());
        var taxonomy = reader.ReadTaxonomy();
        var themes = reader.ReadThemes();
        var export = directory is null ? null : reader.ReadJson<Documents.ExportDocument>(DataFiles.Export, required: false);
        var read = personas(new TraitNormalizer(taxonomy, reader._options.Limits));
        var (rules, note) = reader.ReadRules([.. read.Select(p => p.Id)]);
        if (reader._errors.Count > 0)
        {
            throw new ImportException([.. reader._errors]);
        }

        return new OrgData(export?.ExportedOn, export?.Organisation ?? organisation, [.. read.Select(p => p.Owner).DistinctBy(o => o.Id, StringComparer.Ordinal)], read, [], [], rules, taxonomy)
        {
            Themes = themes,
            Notes = ImportNotes.None with { Rules = note },
        };
    }

    private OrgData ReadAll()
    {
        var taxonomy = ReadTaxonomy();
        var themes = ReadThemes();
        var normalizer = new TraitNormalizer(taxonomy, _options.Limits);
        var export = ReadJson<Documents.ExportDocument>(DataFiles.Export, required: false);
        var (personas, personaIds) = ReadPersonas(normalizer);
        var (rules, rulesNote) = ReadRules(personaIds);
        var contacts = new ContactIds();
        var profiles = ReadContacts(normalizer, personaIds, contacts);
        var signals = ReadSignals(contacts);
        if (_errors.Count > 0)
        {
            throw new ImportException([.. _errors]);
        }

        var owners = personas.Select(p => p.Owner).DistinctBy(o => o.Id, StringComparer.Ordinal).ToImmutableArray();
        return new OrgData(export?.ExportedOn, export?.Organisation ?? Path.GetFileName(Path.GetFullPath(_directory)), owners, personas, profiles, signals, rules, taxonomy)
        {
            Themes = themes,
            Notes = new ImportNotes(_contactsLeftOut, _signalsLeftOut, [.. _leftOut], rulesNote),
        };
    }

    private void Add(ImportError error)
    {
        if (_errors.Count < MaxErrors)
        {
            _errors.Add(error);
        }
    }

    private void LeaveOut(ImportError reason)
    {
        if (_leftOut.Count < MaxNotes)
        {
            _leftOut.Add(reason);
        }
    }

    private static string Line(int line) => string.Create(CultureInfo.InvariantCulture, $"line {line}");

    /// <summary>The contact ids of contacts.csv: those read (or refused with an error, so their signals are not reported again) and those left out.</summary>
    private sealed class ContactIds
    {
        public HashSet<string> Known { get; } = new(StringComparer.Ordinal);

        public HashSet<string> LeftOut { get; } = new(StringComparer.Ordinal);

        /// <summary>False when contacts.csv could not be read whole: an unknown id may be on a record that failed.</summary>
        public bool Complete { get; set; } = true;
    }
}
