using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmPersonCentric.Dataverse.Schema;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;
using PersonaTable = CrmPersonCentric.Dataverse.Schema.Tables.Persona;

namespace CrmPersonCentric.Dataverse.Mapping;

/// <summary>
/// Maps a cpc_persona row to a <see cref="Persona"/> and back. Declared traits and expected behaviours are kept in
/// two JSON columns (the persona form edits them through its own controls); everything else is a column.
/// </summary>
public static class PersonaRowMapper
{
    /// <summary>Reads a persona row; throws with the column and reason when it cannot be a persona.</summary>
    /// <exception cref="ModelValidationException">A column is missing or invalid.</exception>
    public static Persona Read(IRowSource row, Guid id, TraitNormalizer normalizer)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(normalizer);
        var errors = new List<ValidationError>();
        var traits = ReadTraits(row.GetString(PersonaTable.DeclaredTraits), normalizer, errors);
        var behaviours = ReadBehaviours(row.GetString(PersonaTable.ExpectedBehaviours), errors);
        var trust = ReadTrust(row.GetString(PersonaTable.ExpectedTrust), errors);
        var reached = Choices.To<MessagingLayer>(row.GetOption(PersonaTable.ReachedLayer), offset: 0);
        if (reached is null)
        {
            errors.Add(new ValidationError(PersonaTable.ReachedLayer, "is required: the layer (1–4) the persona's messaging reaches"));
        }

        var ownerId = row.GetLookupId(PersonaTable.Owner);
        var persona = new Persona(
            id.ToString("D"),
            row.GetString(PersonaTable.DisplayName) ?? string.Empty,
            new PersonaOwner(ownerId?.ToString("D") ?? string.Empty, row.GetFormatted(PersonaTable.Owner) ?? ownerId?.ToString("D") ?? string.Empty, null),
            (int)(row.GetInteger(PersonaTable.Version) ?? 1),
            new IcpFilter(List(row.GetString(PersonaTable.IcpIndustries)), (int?)row.GetInteger(PersonaTable.IcpMinEmployees), (int?)row.GetInteger(PersonaTable.IcpMaxEmployees), List(row.GetString(PersonaTable.IcpRegions))),
            new PersonaMessaging(row.GetString(PersonaTable.CorporateVision), row.GetString(PersonaTable.DepartmentMission), row.GetString(PersonaTable.JobRoleKra), row.GetString(PersonaTable.DeepPersonalDesire), reached ?? MessagingLayer.CorporateVision),
            traits,
            behaviours)
        {
            TrustChannels = trust,
            RevisedOn = row.GetDate(PersonaTable.RevisedOn) ?? row.GetDate("createdon"),
        };
        errors.AddRange(persona.Validate());
        return errors.Count == 0 ? persona : throw new ModelValidationException([.. errors]);
    }

    /// <summary>The columns that define a persona, for a PATCH.</summary>
    public static JsonObject ToColumns(Persona persona)
    {
        ArgumentNullException.ThrowIfNull(persona);
        return new JsonObject
        {
            [PersonaTable.DisplayName] = persona.Name,
            [PersonaTable.Version] = persona.Version,
            [PersonaTable.IcpIndustries] = string.Join("; ", persona.Icp.Industries),
            [PersonaTable.IcpMinEmployees] = persona.Icp.MinEmployees,
            [PersonaTable.IcpMaxEmployees] = persona.Icp.MaxEmployees,
            [PersonaTable.IcpRegions] = string.Join("; ", persona.Icp.Regions),
            [PersonaTable.CorporateVision] = persona.Messaging.CorporateVision,
            [PersonaTable.DepartmentMission] = persona.Messaging.DepartmentMission,
            [PersonaTable.JobRoleKra] = persona.Messaging.JobRoleKra,
            [PersonaTable.DeepPersonalDesire] = persona.Messaging.DeepPersonalDesire,
            [PersonaTable.ReachedLayer] = Choices.From(persona.Messaging.ReachedLayer, 0),
            [PersonaTable.DeclaredTraits] = new JsonArray([.. persona.Traits.Select(t => (JsonNode)new JsonObject
            {
                ["dimension"] = JsonNamingPolicy.CamelCase.ConvertName(t.Dimension.ToString()),
                ["trait"] = t.Key,
                ["expectedPrevalence"] = t.ExpectedPrevalence,
            })]).ToJsonString(),
            [PersonaTable.ExpectedBehaviours] = new JsonArray([.. persona.Behaviours.Select(b => (JsonNode)new JsonObject
            {
                ["type"] = JsonNamingPolicy.CamelCase.ConvertName(b.Type.ToString()),
                ["layer"] = b.Layer is { } l ? (int)l : null,
                ["expectedShare"] = b.ExpectedShare,
                ["expectedRatePerPersonYear"] = b.ExpectedRatePerPersonYear,
            })]).ToJsonString(),
            [PersonaTable.RevisedOn] = persona.RevisedOn?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            [PersonaTable.ExpectedTrust] = persona.TrustChannels.IsDefaultOrEmpty ? null : new JsonArray([.. persona.TrustChannels.Select(t => (JsonNode)new JsonObject
            {
                ["channel"] = t.Key,
                ["expectedShare"] = t.ExpectedShare,
            })]).ToJsonString(),
        };
    }

    private static ImmutableArray<string> List(string? text) =>
        [.. (text ?? string.Empty).Split([';', ',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => TraitText.ToKey(TraitText.Canonicalize(v))).Where(v => v.Length > 0)];

    private static ImmutableArray<DeclaredTrait> ReadTraits(string? json, TraitNormalizer normalizer, List<ValidationError> errors)
    {
        var traits = ImmutableArray.CreateBuilder<DeclaredTrait>();
        foreach (var (item, path) in Items(json, PersonaTable.DeclaredTraits, errors))
        {
            if (!TraitDimensions.TryParse(item["dimension"]?.ToString(), out var dimension))
            {
                errors.Add(new ValidationError(path + ".dimension", "must be aspiration, coreFear, peerGroup or community"));
                continue;
            }

            var normalized = normalizer.TryNormalize(dimension, item["trait"]?.ToString(), path + ".trait", out var error);
            if (normalized is null)
            {
                errors.Add(error!);
                continue;
            }

            traits.Add(new DeclaredTrait(dimension, normalized.Key, Number(item["expectedPrevalence"]) ?? double.NaN));
        }

        return traits.ToImmutable();
    }

    private static ImmutableArray<BehaviourExpectation> ReadBehaviours(string? json, List<ValidationError> errors)
    {
        var behaviours = ImmutableArray.CreateBuilder<BehaviourExpectation>();
        foreach (var (item, path) in Items(json, PersonaTable.ExpectedBehaviours, errors))
        {
            if (!Enum.TryParse<BehaviourType>(item["type"]?.ToString(), ignoreCase: true, out var type) || !Enum.IsDefined(type))
            {
                errors.Add(new ValidationError(path + ".type", "is not a behaviour type"));
                continue;
            }

            var layer = Number(item["layer"]) is { } l ? (MessagingLayer?)(int)l : null;
            behaviours.Add(new BehaviourExpectation(type, layer, Number(item["expectedShare"]) ?? double.NaN, Number(item["expectedRatePerPersonYear"])));
        }

        return behaviours.ToImmutable();
    }

    private static ImmutableArray<TrustExpectation> ReadTrust(string? json, List<ValidationError> errors)
    {
        var channels = ImmutableArray.CreateBuilder<TrustExpectation>();
        foreach (var (item, path) in Items(json, PersonaTable.ExpectedTrust, errors))
        {
            if (!TrustExpectation.TryParse(item["channel"]?.ToString(), out var channel))
            {
                errors.Add(new ValidationError(path + ".channel", "must be peerReferral, community, content or salesLed"));
                continue;
            }

            channels.Add(new TrustExpectation(channel, Number(item["expectedShare"]) ?? double.NaN));
        }

        return channels.ToImmutable();
    }

    private static IEnumerable<(JsonObject Item, string Path)> Items(string? json, string column, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            yield break;
        }

        JsonArray? array;
        try
        {
            array = JsonNode.Parse(json) as JsonArray;
        }
        catch (JsonException)
        {
            array = null;
        }

        if (array is null)
        {
            errors.Add(new ValidationError(column, "must hold a JSON array"));
            yield break;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"{column}[{i}]");
            if (array[i] is JsonObject item)
            {
                yield return (item, path);
            }
            else
            {
                errors.Add(new ValidationError(path, "must be an object"));
            }
        }
    }

    private static double? Number(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<double>(out var d) ? d
        : node is JsonValue s && s.TryGetValue<string>(out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : null;
}
