using System.Globalization;
using System.Text;
using System.Text.Json;
using CrmPersonCentric.Import.Documents;
using CrmPersonCentric.Model;
using CsvHelper;
using CsvHelper.Configuration;

namespace CrmPersonCentric.Import;

/// <summary>Writes <see cref="OrgData"/> in the data directory format (the inverse of <see cref="OrgDataReader"/>).</summary>
public static class OrgDataWriter
{
    private static readonly JsonSerializerOptions Json = new(ImportJson.Options)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Writes the data; trait columns carry the text as given by <paramref name="traitText"/> (keys by default).</summary>
    public static void Write(OrgData data, string directory, Func<TraitDimension, string, string>? traitText = null, bool includeRules = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        traitText ??= (_, key) => key;
        Directory.CreateDirectory(directory);
        WriteJson(Path.Combine(directory, DataFiles.Export), new ExportDocument { Organisation = data.Organisation, ExportedOn = data.ExportedOn });
        WriteJson(Path.Combine(directory, DataFiles.Personas), data.Personas.Select(PersonaDocumentMapper.FromPersona).ToList());
        if (includeRules)
        {
            WriteJson(Path.Combine(directory, DataFiles.Rules), data.Rules);
        }

        using (var csv = OpenCsv(Path.Combine(directory, DataFiles.Contacts)))
        {
            WriteHeader(csv, DataFiles.ContactColumns);
            foreach (var p in data.Profiles)
            {
                csv.WriteField(p.ContactId);
                csv.WriteField(p.PersonaId ?? string.Empty);
                csv.WriteField(p.Account.Industry ?? string.Empty);
                csv.WriteField(p.Account.EmployeeCount?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
                csv.WriteField(p.Account.Region ?? string.Empty);
                foreach (var dimension in TraitDimensions.All)
                {
                    csv.WriteField(string.Join("; ", p.Traits[dimension].Select(k => traitText(dimension, k))));
                }

                csv.WriteField(p.DeepPersonalDesire ?? string.Empty);
                csv.WriteField(p.EmotionalStakes ?? string.Empty);
                csv.WriteField(TrustText(p.Trust));
                csv.WriteField(p.ProfileUpdatedOn.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                csv.NextRecord();
            }
        }

        using (var csv = OpenCsv(Path.Combine(directory, DataFiles.Signals)))
        {
            WriteHeader(csv, DataFiles.SignalColumns);
            foreach (var s in data.Signals)
            {
                csv.WriteField(s.Id);
                csv.WriteField(s.ContactId);
                csv.WriteField(char.ToLowerInvariant(s.Type.ToString()[0]) + s.Type.ToString()[1..]);
                csv.WriteField(s.OccurredOn.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                csv.WriteField(s.Theme ?? string.Empty);
                csv.WriteField(s.Layer is { } l ? ((int)l).ToString(CultureInfo.InvariantCulture) : string.Empty);
                csv.WriteField(s.Source?.ToFieldName() ?? string.Empty);
                csv.WriteField(s.RelatedContactId ?? string.Empty);
                csv.NextRecord();
            }
        }
    }

    private static string TrustText(TrustModes trust) =>
        string.Join("; ", Enum.GetValues<TrustModes>().Where(m => m != TrustModes.None && trust.HasFlag(m))
            .Select(m => char.ToLowerInvariant(m.ToString()[0]) + m.ToString()[1..]));

    private static void WriteJson<T>(string path, T value)
    {
        var text = JsonSerializer.Serialize(value, Json).ReplaceLineEndings("\n") + "\n";
        File.WriteAllText(path, text, new UTF8Encoding(false));
    }

    private static CsvWriter OpenCsv(string path)
    {
        var writer = new StreamWriter(path, append: false, new UTF8Encoding(false)) { NewLine = "\n" };
        return new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" });
    }

    private static void WriteHeader(CsvWriter csv, string[] columns)
    {
        foreach (var column in columns)
        {
            csv.WriteField(column);
        }

        csv.NextRecord();
    }
}
