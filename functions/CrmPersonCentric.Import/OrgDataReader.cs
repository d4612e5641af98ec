using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Import.Documents;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;
using CsvHelper;
using CsvHelper.Configuration;

namespace CrmPersonCentric.Import;

/// <summary>
/// Reads a data directory (docs/data-format.md) into validated <see cref="OrgData"/>. Every problem names the file,
/// the line or record, and the field; reading goes on to collect up to <see cref="MaxErrors"/> problems, then throws
/// them all in one <see cref="ImportException"/>. Error messages never repeat a person's trait values.
/// </summary>
public sealed partial class OrgDataReader
{
    /// <summary>The most problems collected before giving up.</summary>
    public const int MaxErrors = 100;

    private readonly string _directory;
    private readonly TraitLimits _limits;
    private readonly List<ImportError> _errors = [];

    private OrgDataReader(string directory, TraitLimits limits)
    {
        _directory = directory;
        _limits = limits;
    }

    /// <summary>Reads and validates the directory.</summary>
    /// <exception cref="ImportException">Something is missing or invalid; every problem is listed.</exception>
    public static OrgData Read(string directory, TraitLimits? limits = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new ImportException([new ImportError(directory, null, null, "the data directory does not exist")]);
        }

        return new OrgDataReader(directory, limits ?? TraitLimits.Default).ReadAll();
    }

    private OrgData ReadAll()
    {
        var taxonomy = ReadTaxonomy();
        var themes = ReadThemes();
        var normalizer = new TraitNormalizer(taxonomy, _limits);
        var rules = ReadRules();
        var export = ReadJson<ExportDocument>(DataFiles.Export, required: false);
        // Ids of rows that were rejected still count as known, so one bad row is reported once, not again by every
        // row that refers to it.
        var personaIds = new HashSet<string>(StringComparer.Ordinal);
        var contactIds = new HashSet<string>(StringComparer.Ordinal);
        var personas = ReadPersonas(normalizer, personaIds);
        var profiles = ReadContacts(normalizer, personaIds, contactIds);
        var signals = ReadSignals(contactIds);
        if (_errors.Count > 0)
        {
            throw new ImportException([.. _errors]);
        }

        var owners = personas.Select(p => p.Owner).DistinctBy(o => o.Id, StringComparer.Ordinal).ToImmutableArray();
        return new OrgData(export?.ExportedOn, export?.Organisation ?? Path.GetFileName(Path.GetFullPath(_directory)), owners, personas, profiles, signals, rules, taxonomy) { Themes = themes };
    }

    private ThemeTaxonomy ReadThemes()
    {
        var path = Path.Combine(_directory, DataFiles.Themes);
        if (!File.Exists(path))
        {
            return ThemeTaxonomy.Default;
        }

        try
        {
            using var stream = File.OpenRead(path);
            return ThemeTaxonomy.FromJson(stream);
        }
        catch (JsonException ex)
        {
            AddJsonError(DataFiles.Themes, ex);
        }
        catch (ModelValidationException ex)
        {
            _errors.AddRange(ex.Errors.Select(e => new ImportError(DataFiles.Themes, null, e.Field, e.Message)));
        }

        return ThemeTaxonomy.Default;
    }

    private TraitTaxonomy ReadTaxonomy()
    {
        var path = Path.Combine(_directory, DataFiles.Taxonomy);
        if (!File.Exists(path))
        {
            return TraitTaxonomy.Default;
        }

        try
        {
            using var stream = File.OpenRead(path);
            return TraitTaxonomy.FromJson(stream);
        }
        catch (JsonException ex)
        {
            AddJsonError(DataFiles.Taxonomy, ex);
        }
        catch (ModelValidationException ex)
        {
            _errors.AddRange(ex.Errors.Select(e => new ImportError(DataFiles.Taxonomy, null, e.Field, e.Message)));
        }

        return TraitTaxonomy.Default;
    }

    private ImmutableArray<DriftRule> ReadRules()
    {
        var path = Path.Combine(_directory, DataFiles.Rules);
        if (!File.Exists(path))
        {
            return DefaultDriftRules.All;
        }

        try
        {
            using var stream = File.OpenRead(path);
            return DefaultDriftRules.FromJson(stream);
        }
        catch (ModelValidationException ex)
        {
            _errors.AddRange(ex.Errors.Select(e => new ImportError(DataFiles.Rules, null, e.Field, e.Message)));
            return [];
        }
    }

    private ImmutableArray<Persona> ReadPersonas(TraitNormalizer normalizer, HashSet<string> seenIds)
    {
        var documents = ReadJson<List<PersonaDocument>>(DataFiles.Personas, required: true);
        if (documents is null)
        {
            return [];
        }

        var personas = ImmutableArray.CreateBuilder<Persona>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < documents.Count; i++)
        {
            var document = documents[i];
            var location = string.Create(CultureInfo.InvariantCulture, $"record {i + 1}") + (document?.Id is { } id ? $" (id '{id}')" : string.Empty);
            if (document is null)
            {
                Add(new ImportError(DataFiles.Personas, location, null, "is null; expected a persona object"));
                continue;
            }

            if (document.Id?.Trim() is { Length: > 0 } seen)
            {
                seenIds.Add(seen);
            }

            var problems = new List<ValidationError>();
            var persona = PersonaDocumentMapper.ToPersona(document, normalizer, problems);
            foreach (var problem in problems)
            {
                Add(new ImportError(DataFiles.Personas, location, problem.Field, problem.Message));
            }

            if (persona is null)
            {
                continue;
            }

            if (!ids.TryAdd(persona.Id, i + 1))
            {
                Add(new ImportError(DataFiles.Personas, location, "id", string.Create(CultureInfo.InvariantCulture, $"'{persona.Id}' is also the id of record {ids[persona.Id]}")));
                continue;
            }

            if (owners.TryGetValue(persona.Owner.Id, out var name) && !string.Equals(name, persona.Owner.DisplayName, StringComparison.Ordinal))
            {
                Add(new ImportError(DataFiles.Personas, location, "owner.displayName", $"differs from another persona's owner with id '{persona.Owner.Id}'"));
            }

            owners.TryAdd(persona.Owner.Id, persona.Owner.DisplayName);
            personas.Add(persona);
        }

        if (documents.Count == 0)
        {
            Add(new ImportError(DataFiles.Personas, null, null, "holds no personas"));
        }

        return personas.ToImmutable();
    }

    private T? ReadJson<T>(string file, bool required)
        where T : class
    {
        var path = Path.Combine(_directory, file);
        if (!File.Exists(path))
        {
            if (required)
            {
                Add(new ImportError(file, null, null, "is missing from the data directory"));
            }

            return null;
        }

        try
        {
            using var stream = File.OpenRead(path);
            var value = JsonSerializer.Deserialize<T>(stream, ImportJson.Options);
            if (value is null)
            {
                Add(new ImportError(file, null, null, "is empty (null)"));
            }

            return value;
        }
        catch (JsonException ex)
        {
            AddJsonError(file, ex);
            return null;
        }
    }

    private void AddJsonError(string file, JsonException ex) =>
        Add(new ImportError(
            file,
            ex.LineNumber is { } line ? string.Create(CultureInfo.InvariantCulture, $"line {line + 1}") : null,
            string.IsNullOrEmpty(ex.Path) ? null : ex.Path,
            "is not valid JSON for this file: " + ex.Message.Split(" Path:", 2)[0]));

    private void Add(ImportError error)
    {
        if (_errors.Count < MaxErrors)
        {
            _errors.Add(error);
        }
    }

    private static CsvConfiguration CsvOptions() => new(CultureInfo.InvariantCulture)
    {
        TrimOptions = TrimOptions.Trim,
        MissingFieldFound = null,
        HeaderValidated = null,
        DetectColumnCountChanges = false,
        PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
    };

    private bool RequireHeaders(CsvReader csv, string file, params string[] headers)
    {
        var present = (csv.HeaderRecord ?? []).Select(h => h.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var missing = headers.Where(h => !present.Contains(h)).ToList();
        foreach (var header in missing)
        {
            Add(new ImportError(file, "line 1", header, "the column is missing from the header"));
        }

        return missing.Count == 0;
    }
}
