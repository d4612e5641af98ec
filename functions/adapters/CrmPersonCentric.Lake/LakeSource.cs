using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Mapping;
using CrmPersonCentric.Dataverse.Schema;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

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

    private readonly TraitMemo _traitMemo = new();

    /// <summary>
    /// In the last read, rows of a contact id already read (an export that holds the id, or its account's id, twice
    /// without versions to tell the rows apart): left out, counted.
    /// </summary>
    public int DuplicateContacts { get; private set; }

    /// <summary>
    /// Distinct trait texts of the last read with parts left out (an item too long, without letters or digits or not valid
    /// text, or more items than a dimension holds): the rest of each is kept. Counted per read, never shown.
    /// </summary>
    public int TextsWithProblems { get; private set; }

    /// <summary>The limits those texts were held to.</summary>
    public TraitLimits TraitLimits => normalizer.Limits;

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
        TextsWithProblems = 0;
        DuplicateContacts = 0;
        var tagged = personas.Select(p => Sql.Literal(p.Id.ToLowerInvariant())).ToList();
        if (tagged.Count == 0)
        {
            return Task.FromResult(builder.Build());
        }

        // DuckDB runs a query to its end unless its connection is interrupted: a cancelled read interrupts the query in
        // flight (at 10M the signals' join and sort alone take seconds), and whatever DuckDB then reports is the
        // cancellation. DuckDB forgets an interrupt that arrives between queries, so the token is also checked before
        // each query and between chunks.
        cancellationToken.ThrowIfCancellationRequested();
        using var interrupt = cancellationToken.Register(static connection => ((DuckDBNativeConnection)connection!).Interrupt(), lake.Connection.NativeConnection);
        try
        {
            AddContacts(builder, personas, tagged, cancellationToken);
            progress?.Report(0.5);
            AddSignals(builder, asOf, cancellationToken);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is LakeException or DuckDBException)
        {
            throw new OperationCanceledException("The read of the lake export was cancelled.", cancellationToken);
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
    /// The tagged contacts' query: each contact joined to its <c>account</c> (industry labels from the export's
    /// <c>OptionsetMetadata</c> when present), in id order (the order the population adds them: the same data gives the
    /// same population; rows of one id — an export that holds an id twice, or an account twice — in the order of their
    /// values, so the same one comes first every time), with its persona's index, and every column cast to the type
    /// <see cref="AddContacts"/> reads.
    /// </summary>
    private string ContactsSql(List<string> tagged, out long count)
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
        var industry = accounts is null ? "null::varchar" : labels is null ? Of(accountColumns, "a", Tables.Account.Industry, "varchar") : "cast(l.label as varchar)";
        var persona = $"lower(cast(c.{Sql.Name(Tables.Contact.Persona)} as varchar))";
        var where = $" where {persona} in ({string.Join(", ", tagged)}) and c.\"Id\" is not null";
        using (var command = lake.Connection.CreateCommand())
        {
            // How many to reserve for (the account join does not change it but for ids held twice).
            command.CommandText = $"select count(*) from {contacts} c{where}";
            count = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        return "select lower(cast(c.\"Id\" as varchar)) as id, " +
            $"cast(case {persona} {string.Join(" ", tagged.Select((id, i) => $"when {id} then {i}"))} end as integer) as persona, " +
            string.Join(", ", TraitColumns.Select((name, d) => $"{Of(columns, "c", name, "varchar")} as t{d}")) + ", " +
            $"coalesce(trim({Of(columns, "c", Tables.Contact.DeepPersonalDesire, "varchar")}) <> '', false) as desire, {Of(columns, "c", Tables.Contact.TrustSignals, "varchar")} as trust, " +
            $"epoch_ms(coalesce({Of(columns, "c", Tables.Contact.ModifiedOn, "timestamp")}, {Of(columns, "c", "SinkModifiedOn", "timestamp")})) as updated, " +
            $"{industry} as industry, {(accounts is null ? "null::bigint" : Of(accountColumns, "a", Tables.Account.Employees, "bigint"))} as employees, {(accounts is null ? "null::varchar" : Of(accountColumns, "a", Tables.Account.Region, "varchar"))} as region " +
            $"from {contacts} c" +
            (accounts is null ? string.Empty : $" left join {accounts} a on lower(cast(a.\"Id\" as varchar)) = lower(cast(c.{Sql.Name(Tables.Contact.ParentCustomer)} as varchar))") +
            (accounts is not null && labels is not null ? $" left join {labels} l on l.option = {Of(accountColumns, "a", Tables.Account.Industry, "varchar")}" : string.Empty) +
            $"{where} order by id, persona, t0, t1, t2, t3, desire, trust, updated, industry, employees, region";
    }

    /// <summary>The contact's trait columns in <see cref="TraitDimension"/> order.</summary>
    private static readonly string[] TraitColumns = [Tables.Contact.Aspirations, Tables.Contact.CoreFears, Tables.Contact.PeerGroups, Tables.Contact.Communities];

    /// <summary>The columns of <see cref="ContactsSql"/> as <see cref="AddContacts"/> reads them.</summary>
    private static readonly DuckDBType[] ContactTypes =
    [
        DuckDBType.Varchar, DuckDBType.Integer, DuckDBType.Varchar, DuckDBType.Varchar, DuckDBType.Varchar, DuckDBType.Varchar,
        DuckDBType.Boolean, DuckDBType.Varchar, DuckDBType.BigInt, DuckDBType.Varchar, DuckDBType.BigInt, DuckDBType.Varchar,
    ];

    /// <summary>
    /// Adds the tagged contacts as they stream out of DuckDB, a chunk at a time. Each distinct text of a column is worked
    /// out once — a trait column's text normalised as the Web API path normalises it and turned into the builder's trait
    /// ids, an industry or region into its key, a trust column into its modes — and found again from its bytes; only the
    /// contact id becomes a string per row.
    /// </summary>
    private void AddContacts(PopulationBuilder builder, ImmutableArray<Persona> personas, List<string> tagged, CancellationToken cancellationToken)
    {
        var traits = new Utf8Memo<int[]>[TraitDimensions.Count];
        for (var d = 0; d < traits.Length; d++)
        {
            var dimension = (TraitDimension)d;
            traits[d] = new Utf8Memo<int[]>(text => [.. Normalized(dimension, text).Select(key => builder.TraitId(dimension, key))]);
        }

        var keys = new Utf8Memo<string?>(text => ContactProfileMapper.Key(text) is { Length: > 0 } key ? key : null);
        var trusts = new Utf8Memo<TrustModes>(text => ContactProfileMapper.TrustOf(LakeRow.Options(text)));
        var sql = ContactsSql(tagged, out var count);
        var tally = (int)Math.Min(PopulationBuilder.MaxContacts, count);
        builder.EnsureCapacity(tally);
        var ids = new List<int>(16);
        var added = new List<string>(tally);
        var duplicates = 0;
        cancellationToken.ThrowIfCancellationRequested();
        using (var rows = ChunkReader.Open(lake.Connection, sql, streaming: true, ContactTypes))
        {
            while (rows.Next())
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (var r = 0; r < rows.Count; r++)
                {
                    // Rows of one id arrive together: the first is the contact, the others (an id or its account held
                    // twice, with no versions to tell them apart) are left out, counted.
                    var contactId = Encoding.UTF8.GetString(rows.Utf8(0, r));
                    if (added.Count > 0 && string.Equals(contactId, added[^1], StringComparison.Ordinal))
                    {
                        duplicates++;
                        continue;
                    }

                    ids.Clear();
                    for (var d = 0; d < traits.Length; d++)
                    {
                        if (!rows.IsNull(2 + d, r))
                        {
                            ids.AddRange(traits[d].Get(rows.Utf8(2 + d, r)));
                        }
                    }

                    var position = builder.AddRow(
                        new PersonRow
                        {
                            ContactId = contactId,
                            PersonaId = personas[rows.Int32(1, r)].Id,
                            HasDeepDesire = rows.Boolean(6, r),
                            Trust = rows.IsNull(7, r) ? TrustModes.None : trusts.Get(rows.Utf8(7, r)),
                            ProfileUpdatedOn = rows.IsNull(8, r) ? DateTimeOffset.MinValue : DateTimeOffset.FromUnixTimeMilliseconds(rows.Int64(8, r)),
                            Industry = rows.IsNull(9, r) ? null : keys.Get(rows.Utf8(9, r)),
                            Employees = rows.IsNull(10, r) ? null : (int)Math.Clamp(rows.Int64(10, r), int.MinValue, int.MaxValue),
                            Region = rows.IsNull(11, r) ? null : keys.Get(rows.Utf8(11, r)),
                        },
                        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ids));
                    if (position != added.Count)
                    {
                        throw new InvalidOperationException("A contact was not added at its place in id order.");
                    }

                    added.Add(contactId);
                }
            }
        }

        // Every contact row counted before the read arrived (more only when an account held twice doubled a contact): a
        // result that ended early is an error, never a smaller population.
        DuplicateContacts = duplicates;
        if (added.Count + duplicates < count)
        {
            throw new LakeException("The lake export could not be read (the contacts' result ended early): check that its files are complete, then run again.");
        }

        // The signals find their contact by its position: the ids exactly as the population holds them, appended.
        using (var command = lake.Connection.CreateCommand())
        {
            command.CommandText = "create or replace table cpc_positions (id varchar, position integer)";
            command.ExecuteNonQuery();
        }

        using var appender = lake.Connection.CreateAppender("cpc_positions");
        for (var p = 0; p < added.Count; p++)
        {
            appender.CreateRow().AppendValue(added[p]).AppendValue(p).EndRow();
        }
    }

    /// <summary>
    /// A trait column's text as the population takes it: its keys, normalised as the Web API path normalises a contact's
    /// column (counted in <see cref="TextsWithProblems"/> when some part had to be left out).
    /// </summary>
    private IEnumerable<string> Normalized(TraitDimension dimension, string text)
    {
        // A cell is a list of items and most distinct cells are new combinations of items seen before: each distinct item
        // is normalised once (the memo keeps traits, never problems).
        var result = normalizer.NormalizeList(dimension, text, memo: _traitMemo);
        TextsWithProblems += result.Errors.IsEmpty ? 0 : 1;
        return result.Keys.Take(normalizer.Limits.MaxPerDimension);
    }

    /// <summary>Bits per choice in a signal's packed code (type, layer, source; 0 = none of ours).</summary>
    private const int ChoiceBits = 14;

    /// <summary>The columns of the signals' query as <see cref="AddSignals"/> reads them.</summary>
    private static readonly DuckDBType[] SignalTypes = [DuckDBType.Integer, DuckDBType.BigInt, DuckDBType.BigInt, DuckDBType.Varchar, DuckDBType.Varchar];

    /// <summary>
    /// Adds the signals of the tagged contacts as they stream out of DuckDB. DuckDB filters them to the as-of date, finds
    /// each one's contact position (signals of contacts not tagged drop out there) and packs the three choices in one
    /// number; a row comes back as five values (position, choices, when in epoch ms, theme, referred contact), in position
    /// order, so the builder walks its per-contact columns forwards instead of jumping (measured at 1M: signals 1.9–2.5 s
    /// in the join's order, 1.7–2.3 s sorted). No signal object, and no string but a theme's first sighting and a
    /// referral's referred contact.
    /// </summary>
    private void AddSignals(PopulationBuilder builder, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        if (lake.Current(Tables.BehaviourSignal.Name, [Tables.BehaviourSignal.Contact, Tables.BehaviourSignal.Type, Tables.BehaviourSignal.OccurredOn, Tables.BehaviourSignal.Theme, Tables.BehaviourSignal.Layer, Tables.BehaviourSignal.Source, Tables.BehaviourSignal.RelatedContact]) is not { } signals)
        {
            return;
        }

        var columns = lake.ColumnsOf(Tables.BehaviourSignal.Name);
        string Of(string name, string type) => columns.Contains(name) ? $"try_cast(s.{Sql.Name(name)} as {type})" : $"null::{type}";
        string Part(string name) => $"coalesce(case when {Of(name, "bigint")} between {Choice.Base} and {Choice.Base + 9_999} then {Of(name, "bigint")} - {Choice.Base - 1} end, 0)";
        var occurred = Of(Tables.BehaviourSignal.OccurredOn, "timestamp");
        var type = Part(Tables.BehaviourSignal.Type);
        var sql = $"select p.position, cast({type} + ({Part(Tables.BehaviourSignal.Layer)} << {ChoiceBits}) + ({Part(Tables.BehaviourSignal.Source)} << {2 * ChoiceBits}) as bigint), epoch_ms({occurred}), " +
            $"{Of(Tables.BehaviourSignal.Theme, "varchar")}, lower({Of(Tables.BehaviourSignal.RelatedContact, "varchar")}) " +
            $"from {signals} s join cpc_positions p on p.id = lower(cast(s.{Sql.Name(Tables.BehaviourSignal.Contact)} as varchar)) where {type} > 0 and {occurred} <= {Sql.Literal(asOf.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))}::timestamp order by p.position";

        // Each packed code is mapped to its choices once (the enum mapping boxes: per row it cost more than the read).
        var codes = new Dictionary<long, (BehaviourType? Type, MessagingLayer? Layer, SignalSource? Source)>();
        static T? Unpack<T>(long code, int at, int offset)
            where T : struct, Enum
        {
            var part = (int)((code >> (at * ChoiceBits)) & ((1 << ChoiceBits) - 1));
            return part == 0 ? null : Choices.To<T>(Choice.Value(part - 1), offset);
        }

        var themes = new Utf8Memo<string>(text => text);
        cancellationToken.ThrowIfCancellationRequested();
        using var rows = ChunkReader.Open(lake.Connection, sql, streaming: false, SignalTypes);
        while (rows.Next())
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var r = 0; r < rows.Count; r++)
            {
                var code = rows.Int64(1, r);
                if (!codes.TryGetValue(code, out var choices))
                {
                    choices = (Unpack<BehaviourType>(code, 0, 1), Unpack<MessagingLayer>(code, 1, 0), Unpack<SignalSource>(code, 2, 1));
                    codes.Add(code, choices);
                }

                if (choices.Type is not { } kind)
                {
                    continue;
                }

                builder.AddSignal(
                    rows.Int32(0, r),
                    kind,
                    choices.Layer,
                    DateTimeOffset.FromUnixTimeMilliseconds(rows.Int64(2, r)),
                    rows.IsNull(3, r) ? null : themes.Get(rows.Utf8(3, r)),
                    choices.Source,
                    kind != BehaviourType.Referral || rows.IsNull(4, r) ? null : Encoding.UTF8.GetString(rows.Utf8(4, r)));
            }
        }
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
