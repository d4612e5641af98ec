using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmPersonCentric.Drift.Rules;
using CrmPersonCentric.Import.Documents;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;

namespace CrmPersonCentric.Import;

public sealed partial class OrgDataReader
{
    private ThemeTaxonomy ReadThemes() =>
        ReadModelFile(DataFiles.Themes, ThemeTaxonomy.Default, stream => ThemeTaxonomy.FromJson(stream));

    private TraitTaxonomy ReadTaxonomy() =>
        ReadModelFile(DataFiles.Taxonomy, TraitTaxonomy.Default, stream => TraitTaxonomy.FromJson(stream));

    /// <summary>An optional file the model reads itself; its default when absent or invalid (the problem reported).</summary>
    private T ReadModelFile<T>(string file, T fallback, Func<Stream, T> read)
    {
        var path = Path.Combine(_directory, file);
        if (!File.Exists(path))
        {
            return fallback;
        }

        try
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(DataText.ReadAll(path)));
            return read(stream);
        }
        catch (DecoderFallbackException)
        {
            Add(new ImportError(file, null, null, DataText.NotUtf8));
        }
        catch (JsonException ex)
        {
            AddJsonError(file, ex);
        }
        catch (ModelValidationException ex)
        {
            foreach (var error in ex.Errors)
            {
                Add(new ImportError(file, null, error.Field, error.Message));
            }
        }

        return fallback;
    }

    /// <summary>
    /// The rules in force: the shipped rules, the directory's rules.json laid over them by rule id, and the --rules file
    /// laid over those. A rule scoped to a persona personas.json does not hold is an error naming the closest id.
    /// </summary>
    private (ImmutableArray<DriftRule> Rules, string Note) ReadRules(HashSet<string>? personaIds)
    {
        var rules = DefaultDriftRules.All;
        var notes = new List<string>();
        var layers = new List<(string File, string Path)>();
        if (File.Exists(Path.Combine(_directory, DataFiles.Rules)))
        {
            layers.Add((DataFiles.Rules, Path.Combine(_directory, DataFiles.Rules)));
        }

        if (_options.RulesFile is { } extra)
        {
            layers.Add(("--rules " + extra, extra));
        }

        foreach (var (file, path) in layers)
        {
            if (!File.Exists(path))
            {
                Add(new ImportError(file, null, null, "does not exist (--rules)"));
                continue;
            }

            ImmutableArray<DriftRule> layer;
            try
            {
                (layer, var errors) = DriftRulesJson.ReadAll(DataText.ReadAll(path));
                foreach (var error in errors)
                {
                    Add(new ImportError(file, null, error.Field, error.Message));
                }
            }
            catch (DecoderFallbackException)
            {
                Add(new ImportError(file, null, null, DataText.NotUtf8));
                continue;
            }

            foreach (var rule in layer.Where(r => r.PersonaId is not null && personaIds is not null && !personaIds.Contains(r.PersonaId)))
            {
                Add(new ImportError(file, null, $"rule {Echo.Quote(rule.Id)} personaId",
                    $"{Echo.Quote(rule.PersonaId)} is not the id of a persona in {DataFiles.Personas}{DriftRulesJson.ClosestHint(rule.PersonaId!, personaIds!)}; a rule scoped to no persona would test nothing"));
            }

            var overlay = DefaultDriftRules.Overlay(rules, layer);
            rules = overlay.Rules;
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{file} replaced {overlay.Replaced.Length} and added {overlay.Added.Length}"));
        }

        var note = notes.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"the {DefaultDriftRules.All.Length} shipped rules")
            : string.Create(CultureInfo.InvariantCulture, $"the {DefaultDriftRules.All.Length} shipped rules; {string.Join("; ", notes)} (a rule with a shipped id replaces it; \"enabled\": false switches one off)");
        return (rules, note);
    }

    private (ImmutableArray<Persona> Personas, HashSet<string>? Ids) ReadPersonas(TraitNormalizer normalizer)
    {
        var documents = ReadJson<List<PersonaDocument?>>(DataFiles.Personas, required: true);
        if (documents is null)
        {
            // Unreadable: its one error says so, and contacts are not checked against personas it could not list.
            return ([], null);
        }

        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        var personas = ImmutableArray.CreateBuilder<Persona>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < documents.Count; i++)
        {
            var document = documents[i];
            var location = string.Create(CultureInfo.InvariantCulture, $"record {i + 1}") + (document?.Id is { } id ? $" (id {Echo.Quote(id)})" : string.Empty);
            if (document is null)
            {
                Add(new ImportError(DataFiles.Personas, location, null, "is null; expected a persona object"));
                continue;
            }

            // Ids of records that were rejected still count as known, so one bad record is reported once, not again
            // by every contact tagged with it.
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
                Add(new ImportError(DataFiles.Personas, location, "id", string.Create(CultureInfo.InvariantCulture, $"{Echo.Quote(persona.Id)} is also the id of record {ids[persona.Id]}")));
                continue;
            }

            if (owners.TryGetValue(persona.Owner.Id, out var name) && !string.Equals(name, persona.Owner.DisplayName, StringComparison.Ordinal))
            {
                Add(new ImportError(DataFiles.Personas, location, "owner.displayName", $"differs from another persona's owner with id {Echo.Quote(persona.Owner.Id)}"));
            }

            owners.TryAdd(persona.Owner.Id, persona.Owner.DisplayName);
            personas.Add(persona);
        }

        if (documents.Count == 0)
        {
            Add(new ImportError(DataFiles.Personas, null, null, "holds no personas"));
        }

        return (personas.ToImmutable(), seenIds);
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
            var value = JsonSerializer.Deserialize<T>(DataText.ReadAll(path), ImportJson.Options);
            if (value is null)
            {
                Add(new ImportError(file, null, null, "is empty (null)"));
            }

            return value;
        }
        catch (DecoderFallbackException)
        {
            Add(new ImportError(file, null, null, DataText.NotUtf8));
            return null;
        }
        catch (JsonException ex)
        {
            AddJsonError(file, ex);
            return null;
        }
    }

    private void AddJsonError(string file, JsonException ex)
    {
        var (line, path, message) = JsonProblems.Describe(ex);
        Add(new ImportError(file, line is { } l ? Line(l) : null, path, message));
    }
}
