using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.Schema;
using CrmPersonCentric.Model;
using DuckDB.NET.Data;

namespace CrmPersonCentric.Lake;

/// <summary>The layouts a Dataverse lake export comes in.</summary>
public enum LakeLayout
{
    /// <summary>Delta tables (Synapse Link's Delta Lake export, Link to Fabric).</summary>
    Delta,

    /// <summary>CSV files without headers, described by model.json (Synapse Link's CSV export).</summary>
    Csv,
}

/// <summary>
/// Writes personas, contacts (with an account each) and behaviour signals as Dataverse exports them to a lake: logical
/// column names, row ids as GUIDs (<see cref="GuidOf"/> turns other ids into stable ones), choices as their numbers,
/// lookups as the referenced row's id, and the export's own columns (<c>Id</c>, <c>versionnumber</c>,
/// <c>SinkModifiedOn</c>, <c>IsDelete</c>). For tests and benchmarks, and to try the lake path without a lake. With
/// history, a second commit adds what an append-only export accumulates: an older version of some
/// rows (lower version number) and deleted rows, which a reader must see through.
/// </summary>
public static class LakeExportWriter
{
    /// <summary>Writes an export into an empty or new folder.</summary>
    public static void Write(string folder, LakeLayout layout, IEnumerable<Persona> personas, IEnumerable<PersonProfile> profiles, IEnumerable<BehaviourSignal> signals, bool history = false, int rowsPerFile = 1_000_000)
    {
        ArgumentNullException.ThrowIfNull(personas);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(signals);
        Directory.CreateDirectory(folder);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Execute(connection, """
            create table persona ("Id" varchar, cpc_personaid varchar, cpc_name varchar, cpc_version bigint, cpc_icpindustries varchar, cpc_icpminemployees bigint, cpc_icpmaxemployees bigint, cpc_icpregions varchar,
              cpc_corporatevision varchar, cpc_departmentmission varchar, cpc_jobrolekra varchar, cpc_deeppersonaldesire varchar, cpc_reachedlayer integer, cpc_declaredtraits varchar, cpc_expectedbehaviours varchar,
              cpc_expectedtrust varchar, ownerid varchar, statecode integer, versionnumber bigint, "SinkModifiedOn" timestamp, "IsDelete" boolean);
            create table systemuser ("Id" varchar, systemuserid varchar, fullname varchar, versionnumber bigint, "SinkModifiedOn" timestamp, "IsDelete" boolean);
            create table account ("Id" varchar, accountid varchar, industrycode integer, numberofemployees bigint, cpc_region varchar, versionnumber bigint, "SinkModifiedOn" timestamp, "IsDelete" boolean);
            create table contact ("Id" varchar, contactid varchar, cpc_personaid varchar, parentcustomerid varchar, cpc_aspirations varchar, cpc_corefears varchar, cpc_peergroups varchar, cpc_communities varchar,
              cpc_deeppersonaldesire varchar, cpc_emotionalstakes varchar, cpc_trustsignals varchar, modifiedon timestamp, versionnumber bigint, "SinkModifiedOn" timestamp, "IsDelete" boolean);
            create table cpc_behavioursignal ("Id" varchar, cpc_behavioursignalid varchar, cpc_externalid varchar, cpc_contactid varchar, cpc_type integer, cpc_occurredon timestamp, cpc_theme varchar,
              cpc_layer integer, cpc_source integer, cpc_relatedcontactid varchar, versionnumber bigint, "SinkModifiedOn" timestamp, "IsDelete" boolean);
            create table "OptionsetMetadata" ("EntityName" varchar, "OptionSetName" varchar, "Option" integer, "IsUserLocalizedLabel" boolean, "LocalizedLabelLanguageCode" integer, "LocalizedLabel" varchar);
            """);
        var sink = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var industries = new Dictionary<string, int>(StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);

        using (var appender = connection.CreateAppender("persona"))
        {
            foreach (var persona in personas)
            {
                var columns = PersonaRowMapper.ToColumns(persona);
                var id = GuidOf(persona.Id);
                owners.TryAdd(GuidOf(persona.Owner.Id), persona.Owner.DisplayName);
                appender.CreateRow()
                    .AppendValue(id).AppendValue(id).AppendValue(Text(columns, Tables.Persona.DisplayName) ?? persona.Name).AppendValue((long?)persona.Version)
                    .AppendValue(Text(columns, Tables.Persona.IcpIndustries)).AppendValue(Number(columns, Tables.Persona.IcpMinEmployees)).AppendValue(Number(columns, Tables.Persona.IcpMaxEmployees)).AppendValue(Text(columns, Tables.Persona.IcpRegions))
                    .AppendValue(Text(columns, Tables.Persona.CorporateVision)).AppendValue(Text(columns, Tables.Persona.DepartmentMission)).AppendValue(Text(columns, Tables.Persona.JobRoleKra)).AppendValue(Text(columns, Tables.Persona.DeepPersonalDesire))
                    .AppendValue((int?)Number(columns, Tables.Persona.ReachedLayer)).AppendValue(Text(columns, Tables.Persona.DeclaredTraits)).AppendValue(Text(columns, Tables.Persona.ExpectedBehaviours))
                    .AppendValue(Text(columns, Tables.Persona.ExpectedTrust)).AppendValue(GuidOf(persona.Owner.Id)).AppendValue((int?)0).AppendValue((long?)1).AppendValue((DateTime?)sink).AppendValue((bool?)false)
                    .EndRow();
            }
        }

        using (var appender = connection.CreateAppender("systemuser"))
        {
            foreach (var (id, name) in owners)
            {
                appender.CreateRow().AppendValue(id).AppendValue(id).AppendValue(name).AppendValue((long?)1).AppendValue((DateTime?)sink).AppendValue((bool?)false).EndRow();
            }
        }

        using (var contacts = connection.CreateAppender("contact"))
        using (var accounts = connection.CreateAppender("account"))
        {
            long version = 0;
            foreach (var p in profiles)
            {
                var id = GuidOf(p.ContactId);
                var account = GuidOf(p.ContactId + "/account");
                int? industry = p.Account.Industry is { } name ? industries.TryGetValue(name, out var known) ? known : industries[name] = 1 + industries.Count : null;
                accounts.CreateRow().AppendValue(account).AppendValue(account).AppendValue(industry).AppendValue((long?)p.Account.EmployeeCount).AppendValue(p.Account.Region)
                    .AppendValue((long?)++version).AppendValue((DateTime?)sink).AppendValue((bool?)false).EndRow();
                var trust = string.Join(';', ContactProfileMapper.TrustValues(p.Trust).Select(v => v.ToString(CultureInfo.InvariantCulture)));
                contacts.CreateRow().AppendValue(id).AppendValue(id).AppendValue(p.PersonaId is { } persona ? GuidOf(persona) : null).AppendValue(account)
                    .AppendValue(Traits(p, TraitDimension.Aspiration)).AppendValue(Traits(p, TraitDimension.CoreFear)).AppendValue(Traits(p, TraitDimension.PeerGroup)).AppendValue(Traits(p, TraitDimension.Community))
                    .AppendValue(p.DeepPersonalDesire).AppendValue(p.EmotionalStakes).AppendValue(trust.Length == 0 ? null : trust).AppendValue((DateTime?)p.ProfileUpdatedOn.UtcDateTime)
                    .AppendValue((long?)++version).AppendValue((DateTime?)sink).AppendValue((bool?)false).EndRow();
            }
        }

        using (var appender = connection.CreateAppender("cpc_behavioursignal"))
        {
            var n = 0L;
            foreach (var s in signals)
            {
                var id = GuidOf("signal/" + (string.IsNullOrEmpty(s.Id) ? n.ToString(CultureInfo.InvariantCulture) : s.Id));
                appender.CreateRow().AppendValue(id).AppendValue(id).AppendValue(string.IsNullOrEmpty(s.Id) ? null : s.Id).AppendValue(GuidOf(s.ContactId))
                    .AppendValue((int?)Choices.From(s.Type)).AppendValue((DateTime?)s.OccurredOn.UtcDateTime).AppendValue(s.Theme)
                    .AppendValue(s.Layer is { } layer ? Choices.From(layer, offset: 0) : (int?)null).AppendValue(s.Source is { } source ? Choices.From(source) : (int?)null)
                    .AppendValue(s.RelatedContactId is { } related ? GuidOf(related) : null).AppendValue((long?)++n).AppendValue((DateTime?)sink).AppendValue((bool?)false).EndRow();
            }
        }

        using (var appender = connection.CreateAppender("OptionsetMetadata"))
        {
            foreach (var (name, option) in industries)
            {
                appender.CreateRow().AppendValue("account").AppendValue("industrycode").AppendValue((int?)option).AppendValue((bool?)false).AppendValue((int?)1033).AppendValue(name).EndRow();
            }
        }

        if (history)
        {
            // An append-only export's history: an older version of the first contacts (a lower version number, another
            // persona); people who are no longer there (a tagged version, then its delete); and people deleted and later
            // restored (a delete older than their current version).
            Execute(connection, """
                create table contact_history as
                  select * replace (versionnumber - 1000000000 as versionnumber, null::varchar as cpc_personaid, "SinkModifiedOn" - interval 30 day as "SinkModifiedOn") from contact order by "Id" limit 50;
                insert into contact_history select * replace (md5(Id || '/gone')::uuid::varchar as "Id", md5(Id || '/gone')::uuid::varchar as contactid, true as "IsDelete") from contact order by "Id" limit 20;
                insert into contact_history select * replace (md5(Id || '/gone')::uuid::varchar as "Id", md5(Id || '/gone')::uuid::varchar as contactid, versionnumber - 1 as versionnumber) from contact order by "Id" limit 20;
                insert into contact_history select * replace (versionnumber - 1 as versionnumber, true as "IsDelete") from contact order by "Id" desc limit 10;
                """);
        }

        string[] tables = ["persona", "systemuser", "account", "contact", "cpc_behavioursignal", "OptionsetMetadata"];
        if (layout == LakeLayout.Delta)
        {
            foreach (var table in tables)
            {
                var name = table == "persona" ? Tables.Persona.Name : table;
                WriteDelta(connection, folder, table, name, history && table == "contact" ? "contact_history" : null, rowsPerFile);
            }
        }
        else
        {
            WriteCsv(connection, folder, tables, history, rowsPerFile);
        }
    }

    /// <summary>A stable GUID for any id (the sample's ids are not GUIDs): the first 16 bytes of its SHA-256.</summary>
    public static string GuidOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (Guid.TryParse(id, out var guid))
        {
            return guid.ToString("D");
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(id), hash);
        return new Guid(hash[..16]).ToString("D");
    }

    private static string? Traits(PersonProfile p, TraitDimension dimension) =>
        p.Traits[dimension].Length == 0 ? null : string.Join("; ", p.Traits[dimension]);

    private static string? Text(JsonObject columns, string name) => columns[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        var node => node.ToJsonString(),
    };

    private static long? Number(JsonObject columns, string name) =>
        columns[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && long.TryParse(v.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Count(DuckDBConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"select count(*) from {Sql.Name(table)}";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>A Delta table: Parquet files of at most <paramref name="rowsPerFile"/> rows, a commit adding them, and a second commit for the history.</summary>
    private static void WriteDelta(DuckDBConnection connection, string folder, string table, string name, string? history, int rowsPerFile)
    {
        var directory = Path.Combine(folder, name);
        Directory.CreateDirectory(Path.Combine(directory, DeltaLog.Folder));
        var commits = new List<List<string>> { Parts(connection, directory, table, "part-0", rowsPerFile) };
        if (history is not null)
        {
            commits.Add(Parts(connection, directory, history, "part-1", rowsPerFile));
        }

        WriteLog(directory, name, commits);
    }

    /// <summary>The table's transaction log: the protocol and metadata, then one commit adding each list of files.</summary>
    private static void WriteLog(string directory, string name, List<List<string>> commits)
    {
        Directory.CreateDirectory(Path.Combine(directory, DeltaLog.Folder));
        for (var version = 0; version < commits.Count; version++)
        {
            var lines = new List<string>();
            if (version == 0)
            {
                lines.Add("""{"protocol":{"minReaderVersion":1,"minWriterVersion":2}}""");
                lines.Add(JsonSerializer.Serialize(new { metaData = new { id = GuidOf(name), format = new { provider = "parquet", options = new { } }, schemaString = "{\"type\":\"struct\",\"fields\":[]}", partitionColumns = Array.Empty<string>(), configuration = new { }, createdTime = 1761955200000L } }));
            }

            lines.AddRange(commits[version].Select(file => JsonSerializer.Serialize(new { add = new { path = Uri.EscapeDataString(file), partitionValues = new { }, size = new FileInfo(Path.Combine(directory, file)).Length, modificationTime = 1761955200000L, dataChange = true } })));
            File.WriteAllLines(Path.Combine(directory, DeltaLog.Folder, $"{version:D20}.json"), lines);
        }
    }

    /// <summary>
    /// Writes a Delta export <paramref name="copies"/> times the size of <paramref name="source"/> (a Delta export) to
    /// <paramref name="target"/>: the personas, owners and labels once, every account, contact and signal once per copy
    /// with its ids (and the ids it refers to) rewritten per copy, so each copy is a population of its own tagged with
    /// the same personas. DuckDB copies file to file: a 10-million-contact export without holding it in memory (the
    /// benchmark's way past what the sample generator holds).
    /// </summary>
    public static void Replicate(string source, string target, int copies)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(copies, 1);
        using var lake = DataverseLake.Open(source);
        var rewritten = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            [Tables.Account.Name] = ["Id", "accountid"],
            [Tables.Contact.Name] = ["Id", "contactid", Tables.Contact.ParentCustomer],
            [Tables.BehaviourSignal.Name] = ["Id", Tables.BehaviourSignal.Id, Tables.BehaviourSignal.Contact, Tables.BehaviourSignal.RelatedContact],
        };
        foreach (var name in new[] { Tables.Persona.Name, "systemuser", "OptionsetMetadata", Tables.Account.Name, Tables.Contact.Name, Tables.BehaviourSignal.Name })
        {
            if (lake.Relation(name) is not { } relation)
            {
                continue;
            }

            var directory = Path.Combine(target, name);
            Directory.CreateDirectory(directory);
            var columns = lake.ColumnsOf(name);
            var ids = rewritten.TryGetValue(name, out var rewrite) ? rewrite.Where(columns.Contains).ToArray() : [];
            var files = new List<string>();
            for (var copy = 0; copy < (ids.Length == 0 ? 1 : copies); copy++)
            {
                var replaced = copy == 0 || ids.Length == 0
                    ? string.Empty
                    : $" replace ({string.Join(", ", ids.Select(c => $"md5(cast({Sql.Name(c)} as varchar) || '/{copy}')::uuid::varchar as {Sql.Name(c)}"))})";
                var file = $"part-0-{copy:D5}.snappy.parquet";
                using var command = lake.Connection.CreateCommand();
                command.CommandText = $"copy (select *{replaced} from {relation}) to {Sql.Literal(Path.Combine(directory, file))} (format parquet, compression snappy)";
                command.ExecuteNonQuery();
                files.Add(file);
            }

            WriteLog(directory, name, [files]);
        }
    }

    private static List<string> Parts(DuckDBConnection connection, string directory, string table, string prefix, int rowsPerFile)
    {
        var rows = Count(connection, table);
        var files = new List<string>();
        for (long offset = 0, i = 0; offset < Math.Max(rows, 1); offset += rowsPerFile, i++)
        {
            var file = $"{prefix}-{i:D5}.snappy.parquet";
            Execute(connection, $"copy (select * from {Sql.Name(table)} order by 1 limit {rowsPerFile} offset {offset}) to {Sql.Literal(Path.Combine(directory, file))} (format parquet, compression snappy)");
            files.Add(file);
        }

        return files;
    }

    /// <summary>The CSV layout: a folder per table of header-less CSV files, described by model.json.</summary>
    private static void WriteCsv(DuckDBConnection connection, string folder, string[] tables, bool history, int rowsPerFile)
    {
        var entities = new JsonArray();
        foreach (var table in tables)
        {
            var name = table == "persona" ? Tables.Persona.Name : table;
            var directory = Path.Combine(folder, name);
            Directory.CreateDirectory(directory);
            var source = history && table == "contact" ? $"(select * from contact union all select * from contact_history)" : Sql.Name(table);
            var columns = new List<string>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = $"select * from {Sql.Name(table)} limit 0";
                using var reader = command.ExecuteReader();
                columns.AddRange(Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
            }

            var partitions = new JsonArray();
            var rows = Count(connection, table) + (history && table == "contact" ? Count(connection, "contact_history") : 0);
            for (long offset = 0, i = 0; offset < Math.Max(rows, 1); offset += rowsPerFile, i++)
            {
                var file = $"{2026 - i}.csv";
                Execute(connection, $"copy (select * from {source} order by 1 limit {rowsPerFile} offset {offset}) to {Sql.Literal(Path.Combine(directory, file))} (format csv, header false, timestampformat '%Y-%m-%dT%H:%M:%S.%gZ')");
                partitions.Add(new JsonObject { ["name"] = Path.GetFileNameWithoutExtension(file), ["location"] = $"https://contoso.dfs.core.windows.net/dataverse-contoso-unq0/{name}/{file}" });
            }

            entities.Add(new JsonObject
            {
                ["$type"] = "LocalEntity",
                ["name"] = name,
                ["attributes"] = new JsonArray([.. columns.Select(c => (JsonNode)new JsonObject { ["name"] = c, ["dataType"] = "string" })]),
                ["partitions"] = partitions,
            });
        }

        var model = new JsonObject { ["name"] = "cdm", ["version"] = "1.0", ["entities"] = entities };
        File.WriteAllText(Path.Combine(folder, CdmModel.FileName), model.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
