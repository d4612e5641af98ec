using System.Collections.Immutable;
using System.Globalization;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.Schema;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;
using DuckDB.NET.Data;

namespace CrmPersonCentric.Lake;

/// <summary>
/// An evaluation's personas and people read from a lake export of Dataverse (<see cref="DataverseLake"/>), the path past
/// one storage account: personas from <c>cpc_persona</c> (active rows, read by the persona mapper the Web API path uses),
/// tagged contacts from <c>contact</c> joined in DuckDB to their <c>account</c> (industry labels from the export's
/// <c>OptionsetMetadata</c> when present), and behaviour from <c>cpc_behavioursignal</c>: DuckDB filters the signals to
/// the as-of date and joins each to its contact's position, and each goes into the population as it streams by. No
/// profile or signal list is held; memory follows the compact population.
/// </summary>
public sealed class LakeSource(DataverseLake lake, TraitNormalizer normalizer) : IPersonaSource, IPopulationSource
{
    private ImmutableArray<Persona>? _personas;

    /// <summary>Persona rows that are not valid definitions (left out, counted).</summary>
    public int InvalidPersonas { get; private set; }

    /// <summary>Why persona rows were left out: the row id, the column and the reason (the first ten).</summary>
    public IReadOnlyList<string> PersonaProblems => _problems;

    private readonly List<string> _problems = [];

    /// <summary>Distinct trait texts with problems (too long, too many; kept, the problem parts left out), counted.</summary>
    public int TextsWithProblems { get; private set; }

    /// <inheritdoc />
    public Task<ImmutableArray<Persona>> ActivePersonasAsync(CancellationToken cancellationToken = default) => Task.FromResult(ActivePersonas());

    /// <summary>The active personas that are valid definitions, read once (DuckDB reads synchronously).</summary>
    public ImmutableArray<Persona> ActivePersonas() => _personas ??= ReadPersonas();

    /// <inheritdoc />
    public async Task<Persona?> FindAsync(Guid personaId, CancellationToken cancellationToken = default) =>
        (await ActivePersonasAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(p => p.Id == personaId.ToString("D"));

    /// <inheritdoc />
    public Task<CompactPopulation> ReadAsync(ImmutableArray<Persona> personas, DateTimeOffset asOf, IProgress<double>? progress = null, ThemeTaxonomy? themes = null, CancellationToken cancellationToken = default)
    {
        var builder = new PopulationBuilder(personas, asOf, themes);
        var tagged = personas.Select(p => Sql.Literal(p.Id.ToLowerInvariant())).ToList();
        if (tagged.Count == 0)
        {
            return Task.FromResult(builder.Build());
        }

        var (texts, count) = Stage(tagged);
        builder.EnsureCapacity((int)Math.Min(PopulationBuilder.MaxContacts, count));
        AddContacts(builder, personas, texts, lake.Connection, cancellationToken);
        progress?.Report(0.5);
        if (SignalsSql(asOf) is var (signalSql, themeTexts))
        {
            using var command = lake.Connection.CreateCommand();
            command.CommandText = signalSql;
            using var reader = (DuckDBDataReader)command.ExecuteReader();
            AddSignals(builder, reader, themeTexts, cancellationToken);
        }

        progress?.Report(1);
        return Task.FromResult(builder.Build());
    }

    private ImmutableArray<Persona> ReadPersonas()
    {
        var table = lake.Current(Tables.Persona.Name) ?? throw new LakeException($"The export holds no {Tables.Persona.Name} table: the personas are needed.");
        var users = lake.Current("systemuser");
        var sql = users is null
            ? $"select p.* from {table} p"
            : $"select p.*, u.fullname as __ownername from {table} p left join {users} u on lower(cast(u.\"Id\" as varchar)) = lower(cast(p.{Sql.Name(Tables.Persona.Owner)} as varchar))";
        if (lake.ColumnsOf(Tables.Persona.Name).Contains("statecode"))
        {
            sql += " where coalesce(try_cast(p.statecode as integer), 0) = 0";
        }

        var personas = ImmutableArray.CreateBuilder<Persona>();
        foreach (var row in Rows(sql + " order by lower(cast(p.\"Id\" as varchar))"))
        {
            var lakeRow = new LakeRow(row, new Dictionary<string, string> { [Tables.Persona.Owner] = "__ownername" });
            if (lakeRow.GetLookupId("Id") is not { } id)
            {
                InvalidPersonas++;
                continue;
            }

            try
            {
                personas.Add(PersonaRowMapper.Read(lakeRow, id, normalizer));
            }
            catch (ModelValidationException e)
            {
                InvalidPersonas++;
                if (_problems.Count < 10)
                {
                    _problems.Add($"{Tables.Persona.Name} {id:D}: {string.Join("; ", e.Errors.Select(x => x.Field + " " + x.Message))}");
                }
            }
        }

        return personas.ToImmutable();
    }

    /// <summary>
    /// Stages the tagged contacts in DuckDB (<c>cpc_tagged</c>: each with its position, in id order, the order the
    /// population adds them, and its persona's index), with every distinct text of their trait, industry and region
    /// columns numbered (<c>cpc_texts</c>): each text is normalised once in .NET and rows come back as integers, not
    /// strings.
    /// </summary>
    private (string[] Texts, long Count) Stage(List<string> tagged)
    {
        var contacts = lake.Current(Tables.Contact.Name, [Tables.Contact.Persona, Tables.Contact.Aspirations, Tables.Contact.CoreFears, Tables.Contact.PeerGroups, Tables.Contact.Communities, Tables.Contact.DeepPersonalDesire, Tables.Contact.TrustSignals, Tables.Contact.ModifiedOn, "SinkModifiedOn", Tables.Contact.ParentCustomer]) ?? throw new LakeException($"The export holds no {Tables.Contact.Name} table.");
        var columns = lake.ColumnsOf(Tables.Contact.Name);
        var accounts = lake.Current(Tables.Account.Name, [Tables.Account.Industry, Tables.Account.Employees, Tables.Account.Region]);
        var accountColumns = lake.ColumnsOf(Tables.Account.Name);
        string Of(IReadOnlySet<string> known, string alias, string name, string type) =>
            known.Contains(name) ? $"try_cast({alias}.{Sql.Name(name)} as {type})" : $"null::{type}";
        var labels = lake.Current("OptionsetMetadata") is { } options && lake.ColumnsOf("OptionsetMetadata").Contains("LocalizedLabel")
            ? $"(select cast(\"Option\" as varchar) as option, any_value(\"LocalizedLabel\" order by try_cast(\"LocalizedLabelLanguageCode\" as integer) = 1033 desc) as label from {options} where lower(\"EntityName\") = 'account' and lower(\"OptionSetName\") = 'industrycode' group by 1)"
            : null;
        var industry = accounts is null ? "null::varchar" : labels is null ? Of(accountColumns, "a", Tables.Account.Industry, "varchar") : "l.label";
        Execute($"create or replace temp table cpc_raw as select " +
            $"lower(cast(c.\"Id\" as varchar)) as id, lower(cast(c.{Sql.Name(Tables.Contact.Persona)} as varchar)) as persona, " +
            $"{Of(columns, "c", Tables.Contact.Aspirations, "varchar")} as t0, {Of(columns, "c", Tables.Contact.CoreFears, "varchar")} as t1, {Of(columns, "c", Tables.Contact.PeerGroups, "varchar")} as t2, {Of(columns, "c", Tables.Contact.Communities, "varchar")} as t3, " +
            $"coalesce(trim({Of(columns, "c", Tables.Contact.DeepPersonalDesire, "varchar")}) <> '', false) as desire, {Of(columns, "c", Tables.Contact.TrustSignals, "varchar")} as t6, " +
            $"epoch_ms(coalesce({Of(columns, "c", Tables.Contact.ModifiedOn, "timestamp")}, {Of(columns, "c", "SinkModifiedOn", "timestamp")})) as updated, " +
            $"{industry} as t4, {(accounts is null ? "null::bigint" : Of(accountColumns, "a", Tables.Account.Employees, "bigint"))} as employees, {(accounts is null ? "null::varchar" : Of(accountColumns, "a", Tables.Account.Region, "varchar"))} as t5 " +
            $"from {contacts} c" +
            (accounts is null ? string.Empty : $" left join {accounts} a on lower(cast(a.\"Id\" as varchar)) = lower(cast(c.{Sql.Name(Tables.Contact.ParentCustomer)} as varchar))") +
            (accounts is not null && labels is not null ? $" left join {labels} l on l.option = {Of(accountColumns, "a", Tables.Account.Industry, "varchar")}" : string.Empty) +
            $" where lower(cast(c.{Sql.Name(Tables.Contact.Persona)} as varchar)) in ({string.Join(", ", tagged)})");
        Execute("create or replace temp table cpc_texts as select row_number() over (order by kind, text) - 1 as tid, kind, text from (" +
            string.Join(" union ", Enumerable.Range(0, TextKinds).Select(k => $"select distinct {k} as kind, t{k} as text from cpc_raw where t{k} is not null")) + ")");

        // The population's order is id order (the same data gives the same population): the rows are sorted once, narrow
        // (texts replaced by their numbers, -1 for none; no time as NoTime), and kept in that order, so a row's rowid is its
        // position and a row is read without asking each column whether it is null.
        Execute("create or replace temp table cpc_tagged as select c.id, case c.persona " + string.Join(" ", tagged.Select((id, i) => $"when {id} then {i}")) + " end as persona, " + string.Join(", ", Enumerable.Range(0, TextKinds).Select(k => $"coalesce(x{k}.tid, -1) as t{k}")) +
            $", c.desire, coalesce(c.updated, {NoTime}) as updated, c.employees from cpc_raw c " +
            string.Join(" ", Enumerable.Range(0, TextKinds).Select(k => $"left join cpc_texts x{k} on x{k}.kind = {k} and x{k}.text = c.t{k}")) + " order by c.id");
        Execute("drop table cpc_raw");
        var texts = new List<string>();
        using (var command = lake.Connection.CreateCommand())
        {
            command.CommandText = "select kind, text from cpc_texts order by tid";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                texts.Add(Normalized((int)reader.GetInt32(0), reader.GetString(1)));
            }
        }

        using var count = lake.Connection.CreateCommand();
        count.CommandText = "select count(*) from cpc_tagged";
        return ([.. texts], Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture));
    }

    /// <summary>Kinds of numbered text: the four trait dimensions (0–3), industry (4), region (5), trust (<see cref="TrustKind"/>).</summary>
    private const int TextKinds = 7;

    /// <summary>The kind of the trust column's texts, kept as exported and mapped to trust modes once per text.</summary>
    private const int TrustKind = 6;

    /// <summary>A contact's unknown modification time in <c>cpc_tagged</c>.</summary>
    private const long NoTime = long.MinValue + 1;

    /// <summary>
    /// A text as the population takes it: trait keys joined by '|' (kinds 0–3: the dimensions, normalised as the Web API
    /// path normalises a contact's column), an account key (4: industry, 5: region), or the trust choices as exported.
    /// </summary>
    private string Normalized(int kind, string text)
    {
        if (kind == TrustKind)
        {
            return text;
        }

        if (kind >= 4)
        {
            return ContactProfileMapper.Key(text) ?? string.Empty;
        }

        var result = normalizer.NormalizeList((TraitDimension)kind, text);
        TextsWithProblems += result.Errors.IsEmpty ? 0 : 1;
        return string.Join('|', result.Keys.Take(normalizer.Limits.MaxPerDimension));
    }

    private static void AddContacts(PopulationBuilder builder, ImmutableArray<Persona> personas, string[] texts, DuckDBConnection connection, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "select id, persona, t0, t1, t2, t3, desire, t6, updated, t4, employees, t5 from cpc_tagged order by rowid";
        using var reader = command.ExecuteReader();
        var trusts = new TrustModes?[texts.Length];

        // Each distinct trait text becomes the builder's trait ids once; a row then adds ids, not texts to split.
        var traitIds = new int[]?[texts.Length];
        var ids = new List<int>(16);
        string? Key(int ordinal)
        {
            var tid = reader.GetInt64(ordinal);
            return tid >= 0 && texts[tid] is { Length: > 0 } key ? key : null;
        }

        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var trustText = reader.GetInt64(7);
            var trust = trustText < 0 ? TrustModes.None : trusts[trustText] ??= ContactProfileMapper.TrustOf(LakeRow.Options(texts[trustText]));

            ids.Clear();
            for (var d = 0; d < TraitDimensions.Count; d++)
            {
                var tid = reader.GetInt64(2 + d);
                if (tid >= 0)
                {
                    ids.AddRange(traitIds[tid] ??= [.. texts[tid].Split('|', StringSplitOptions.RemoveEmptyEntries).Select(key => builder.TraitId((TraitDimension)d, key))]);
                }
            }

            builder.AddRow(
                new PersonRow
                {
                    ContactId = reader.GetString(0),
                    PersonaId = personas[reader.GetInt32(1)].Id,
                    HasDeepDesire = reader.GetBoolean(6),
                    Trust = trust,
                    ProfileUpdatedOn = reader.GetInt64(8) is var updated && updated == NoTime ? DateTimeOffset.MinValue : DateTimeOffset.FromUnixTimeMilliseconds(updated),
                    Industry = Key(9),
                    Employees = reader.IsDBNull(10) ? null : (int)Math.Clamp(reader.GetInt64(10), int.MinValue, int.MaxValue),
                    Region = Key(11),
                },
                System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ids));
        }
    }

    /// <summary>Bits per choice in a signal's packed code (type, layer, source; 0 = none of ours).</summary>
    private const int ChoiceBits = 14;

    /// <summary>
    /// The signals' query with the distinct theme texts it numbers, or null when the export has no signal table. DuckDB
    /// filters the signals to the as-of date and joins each to its contact's position (signals of contacts not tagged drop
    /// out there); a row comes back as five values: position, the three choices packed in one number, when (epoch ms), the
    /// theme's number (-1 for none) and the referred contact, so the builder takes it without a string or a signal object.
    /// </summary>
    private (string Sql, string[] Themes)? SignalsSql(DateTimeOffset asOf)
    {
        if (lake.Current(Tables.BehaviourSignal.Name, [Tables.BehaviourSignal.Contact, Tables.BehaviourSignal.Type, Tables.BehaviourSignal.OccurredOn, Tables.BehaviourSignal.Theme, Tables.BehaviourSignal.Layer, Tables.BehaviourSignal.Source, Tables.BehaviourSignal.RelatedContact]) is not { } signals)
        {
            return null;
        }

        var columns = lake.ColumnsOf(Tables.BehaviourSignal.Name);
        string Of(string name, string type) => columns.Contains(name) ? $"try_cast(s.{Sql.Name(name)} as {type})" : $"null::{type}";
        string Part(string name) => $"coalesce(case when {Of(name, "bigint")} between {Choice.Base} and {Choice.Base + 9_999} then {Of(name, "bigint")} - {Choice.Base - 1} end, 0)";
        var occurred = Of(Tables.BehaviourSignal.OccurredOn, "timestamp");
        var theme = Of(Tables.BehaviourSignal.Theme, "varchar");

        // The theme texts are numbered once (every text the table holds: a superset of the current rows' is harmless).
        Execute($"create or replace temp table cpc_themes as select row_number() over (order by text) - 1 as tid, text from (select distinct {theme} as text from {signals} s where {theme} is not null)");
        var themes = new List<string>();
        using (var command = lake.Connection.CreateCommand())
        {
            command.CommandText = "select text from cpc_themes order by tid";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                themes.Add(reader.GetString(0));
            }
        }

        var type = Part(Tables.BehaviourSignal.Type);
        var sql = $"select c.rowid, {type} + ({Part(Tables.BehaviourSignal.Layer)} << {ChoiceBits}) + ({Part(Tables.BehaviourSignal.Source)} << {2 * ChoiceBits}), epoch_ms({occurred}), coalesce(t.tid, -1), " +
            $"lower({Of(Tables.BehaviourSignal.RelatedContact, "varchar")}) " +
            $"from {signals} s join cpc_tagged c on c.id = lower(cast(s.{Sql.Name(Tables.BehaviourSignal.Contact)} as varchar)) " +
            $"left join cpc_themes t on t.text = {theme} " +
            $"where {type} > 0 and {occurred} <= {Sql.Literal(asOf.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))}::timestamp";
        return (sql, [.. themes]);
    }

    private static void AddSignals(PopulationBuilder builder, DuckDBDataReader reader, string[] themes, CancellationToken cancellationToken)
    {
        // Each packed code is mapped to its choices once (the enum mapping boxes: per row it cost more than the read).
        var codes = new Dictionary<long, (BehaviourType? Type, MessagingLayer? Layer, SignalSource? Source)>();
        static T? Part<T>(long code, int at, int offset)
            where T : struct, Enum
        {
            var part = (int)((code >> (at * ChoiceBits)) & ((1 << ChoiceBits) - 1));
            return part == 0 ? null : Choices.To<T>(Choice.Value(part - 1), offset);
        }

        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var code = reader.GetInt64(1);
            if (!codes.TryGetValue(code, out var choices))
            {
                choices = (Part<BehaviourType>(code, 0, 1), Part<MessagingLayer>(code, 1, 0), Part<SignalSource>(code, 2, 1));
                codes.Add(code, choices);
            }

            if (choices.Type is not { } type || reader.IsDBNull(2))
            {
                continue;
            }

            var theme = reader.GetInt32(3);
            builder.AddSignal(
                (int)reader.GetInt64(0),
                type,
                choices.Layer,
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                theme < 0 ? null : themes[theme],
                choices.Source,
                reader.IsDBNull(4) ? null : reader.GetString(4));
        }
    }

    private void Execute(string sql)
    {
        using var command = lake.Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private IEnumerable<Dictionary<string, object?>> Rows(string sql)
    {
        using var command = lake.Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>(names.Length, StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < names.Length; i++)
            {
                row[names[i]] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            yield return row;
        }
    }
}
