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
/// <c>OptionsetMetadata</c> when present), and behaviour from <c>cpc_behavioursignal</c>: DuckDB filters, orders and
/// groups the signals per contact, and each contact's group goes into the population as it streams by. No profile or
/// signal list is held; memory follows the compact population.
/// </summary>
public sealed class LakeSource(DataverseLake lake, TraitNormalizer normalizer) : IPersonaSource, IPopulationSource
{
    private ImmutableArray<Persona>? _personas;

    /// <summary>Persona rows that are not valid definitions (left out, counted).</summary>
    public int InvalidPersonas { get; private set; }

    /// <summary>The fields and reasons of the last persona row left out (never a value).</summary>
    public string? LastProblem { get; private set; }

    /// <summary>Contacts whose trait columns had problems (kept, the problem parts left out), counted.</summary>
    public int ContactsWithProblems { get; private set; }

    /// <inheritdoc />
    public Task<ImmutableArray<Persona>> ActivePersonasAsync(CancellationToken cancellationToken = default) => Task.FromResult(_personas ??= ReadPersonas());

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

        var positions = AddContacts(builder, tagged, cancellationToken);
        progress?.Report(0.5);
        AddSignals(builder, positions, asOf, cancellationToken);
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
                LastProblem = string.Join("; ", e.Errors.Select(x => x.Field + " " + x.Message));
            }
        }

        return personas.ToImmutable();
    }

    private Dictionary<string, int> AddContacts(PopulationBuilder builder, List<string> tagged, CancellationToken cancellationToken)
    {
        var contacts = lake.Current(Tables.Contact.Name) ?? throw new LakeException($"The export holds no {Tables.Contact.Name} table.");
        var columns = lake.ColumnsOf(Tables.Contact.Name);
        var accounts = lake.Current(Tables.Account.Name);
        var accountColumns = lake.ColumnsOf(Tables.Account.Name);
        string Of(IReadOnlySet<string> known, string alias, string name, string type) =>
            known.Contains(name) ? $"try_cast({alias}.{Sql.Name(name)} as {type})" : $"null::{type}";
        var labels = lake.Current("OptionsetMetadata") is { } options && lake.ColumnsOf("OptionsetMetadata").Contains("LocalizedLabel")
            ? $"(select cast(\"Option\" as varchar) as option, any_value(\"LocalizedLabel\" order by try_cast(\"LocalizedLabelLanguageCode\" as integer) = 1033 desc) as label from {options} where lower(\"EntityName\") = 'account' and lower(\"OptionSetName\") = 'industrycode' group by 1)"
            : null;
        var industry = accounts is null ? "null::varchar" : labels is null ? Of(accountColumns, "a", Tables.Account.Industry, "varchar") : "l.label";
        var sql = $"select lower(cast(c.\"Id\" as varchar)) as id, lower(cast(c.{Sql.Name(Tables.Contact.Persona)} as varchar)), " +
            $"{Of(columns, "c", Tables.Contact.Aspirations, "varchar")}, {Of(columns, "c", Tables.Contact.CoreFears, "varchar")}, {Of(columns, "c", Tables.Contact.PeerGroups, "varchar")}, {Of(columns, "c", Tables.Contact.Communities, "varchar")}, " +
            $"coalesce(trim({Of(columns, "c", Tables.Contact.DeepPersonalDesire, "varchar")}) <> '', false), {Of(columns, "c", Tables.Contact.TrustSignals, "varchar")}, " +
            $"coalesce({Of(columns, "c", Tables.Contact.ModifiedOn, "timestamp")}, {Of(columns, "c", "SinkModifiedOn", "timestamp")}), " +
            $"{industry}, {(accounts is null ? "null::bigint" : Of(accountColumns, "a", Tables.Account.Employees, "bigint"))}, {(accounts is null ? "null::varchar" : Of(accountColumns, "a", Tables.Account.Region, "varchar"))} " +
            $"from {contacts} c" +
            (accounts is null ? string.Empty : $" left join {accounts} a on lower(cast(a.\"Id\" as varchar)) = lower(cast(c.{Sql.Name(Tables.Contact.ParentCustomer)} as varchar))") +
            (accounts is not null && labels is not null ? $" left join {labels} l on l.option = cast(a.industrycode as varchar)" : string.Empty) +
            $" where lower(cast(c.{Sql.Name(Tables.Contact.Persona)} as varchar)) in ({string.Join(", ", tagged)}) order by id";

        // Trait text repeats across people ("missing quota; pipeline dry-up"): each distinct text is normalised once.
        var traits = new Dictionary<(TraitDimension, string), string>();
        var keys = new Dictionary<string, string?>(StringComparer.Ordinal);
        string Keys(TraitDimension dimension, string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return string.Empty;
            }

            if (!traits.TryGetValue((dimension, text), out var joined))
            {
                var result = normalizer.NormalizeList(dimension, text);
                ContactsWithProblems += result.Errors.IsEmpty ? 0 : 1;
                joined = string.Join('|', result.Keys.Take(normalizer.Limits.MaxPerDimension));
                traits.Add((dimension, text), joined);
            }

            return joined;
        }

        string? Key(string? text)
        {
            if (text is null)
            {
                return null;
            }

            if (!keys.TryGetValue(text, out var key))
            {
                key = ContactProfileMapper.AccountOf(new LakeRow(new Dictionary<string, object?> { ["label"] = text }, new Dictionary<string, string> { [Tables.Account.Industry] = "label" })).Industry;
                keys.Add(text, key);
            }

            return key;
        }

        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        using var command = lake.Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var trust = reader.IsDBNull(7) ? TrustModes.None
                : ContactProfileMapper.TrustOf(new LakeRow(new Dictionary<string, object?> { [Tables.Contact.TrustSignals] = reader.GetString(7) }).GetOptions(Tables.Contact.TrustSignals));
            var contact = builder.AddRow(new PersonRow
            {
                ContactId = reader.GetString(0),
                PersonaId = reader.GetString(1),
                Aspirations = Keys(TraitDimension.Aspiration, reader.IsDBNull(2) ? null : reader.GetString(2)),
                CoreFears = Keys(TraitDimension.CoreFear, reader.IsDBNull(3) ? null : reader.GetString(3)),
                PeerGroups = Keys(TraitDimension.PeerGroup, reader.IsDBNull(4) ? null : reader.GetString(4)),
                Communities = Keys(TraitDimension.Community, reader.IsDBNull(5) ? null : reader.GetString(5)),
                HasDeepDesire = reader.GetBoolean(6),
                Trust = trust,
                ProfileUpdatedOn = reader.IsDBNull(8) ? DateTimeOffset.MinValue : new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(8), DateTimeKind.Utc)),
                Industry = Key(reader.IsDBNull(9) ? null : reader.GetString(9)),
                Employees = reader.IsDBNull(10) ? null : (int)Math.Clamp(reader.GetInt64(10), int.MinValue, int.MaxValue),
                Region = Key(reader.IsDBNull(11) ? null : reader.GetString(11)),
            });
            if (contact >= 0)
            {
                positions[reader.GetString(0)] = contact;
            }
        }

        return positions;
    }

    private void AddSignals(PopulationBuilder builder, Dictionary<string, int> positions, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        if (lake.Current(Tables.BehaviourSignal.Name) is not { } signals)
        {
            return;
        }

        var columns = lake.ColumnsOf(Tables.BehaviourSignal.Name);
        string Of(string name, string type) => columns.Contains(name) ? $"try_cast(s.{Sql.Name(name)} as {type})" : $"null::{type}";
        var occurred = Of(Tables.BehaviourSignal.OccurredOn, "timestamp");

        // DuckDB filters the signals to the as-of date and groups them per contact (ordered by contact); the
        // builder takes each as it streams by, without a signal object. Signals of contacts not tagged are skipped.
        var sql = $"select lower(cast(s.{Sql.Name(Tables.BehaviourSignal.Contact)} as varchar)) as contact, {Of(Tables.BehaviourSignal.Type, "integer")}, {occurred} as occurred, {Of(Tables.BehaviourSignal.Theme, "varchar")}, " +
            $"{Of(Tables.BehaviourSignal.Layer, "integer")}, {Of(Tables.BehaviourSignal.Source, "integer")}, lower({Of(Tables.BehaviourSignal.RelatedContact, "varchar")}) " +
            $"from {signals} s where {occurred} <= {Sql.Literal(asOf.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))}::timestamp order by contact";
        using var command = lake.Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        string? last = null;
        var position = -1;
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (reader.IsDBNull(0) || reader.IsDBNull(1) || reader.IsDBNull(2) || Choices.To<BehaviourType>(reader.GetInt32(1)) is not { } type)
            {
                continue;
            }

            var contact = reader.GetString(0);
            if (contact != last)
            {
                last = contact;
                position = positions.GetValueOrDefault(contact, -1);
            }

            if (position < 0)
            {
                continue;
            }

            builder.AddSignal(
                position,
                type,
                reader.IsDBNull(4) ? null : Choices.To<MessagingLayer>(reader.GetInt32(4), offset: 0),
                new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc)),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(5) ? null : Choices.To<SignalSource>(reader.GetInt32(5)),
                reader.IsDBNull(6) ? null : reader.GetString(6));
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
