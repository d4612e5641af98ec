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

        AddContacts(builder, tagged, cancellationToken);
        progress?.Report(0.5);
        AddSignals(builder, asOf, cancellationToken);
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

    private void AddContacts(PopulationBuilder builder, List<string> tagged, CancellationToken cancellationToken)
    {
        var contacts = lake.Current(Tables.Contact.Name) ?? throw new LakeException($"The export holds no {Tables.Contact.Name} table.");
        var accounts = lake.Current(Tables.Account.Name);
        var labels = lake.Current("OptionsetMetadata") is { } options && lake.ColumnsOf("OptionsetMetadata").Contains("LocalizedLabel")
            ? $"(select cast(\"Option\" as varchar) as option, any_value(\"LocalizedLabel\" order by try_cast(\"LocalizedLabelLanguageCode\" as integer) = 1033 desc) as label from {options} where lower(\"EntityName\") = 'account' and lower(\"OptionSetName\") = 'industrycode' group by 1)"
            : null;
        var persona = $"lower(cast(c.{Sql.Name(Tables.Contact.Persona)} as varchar))";
        var sql = $"select c.*" +
            (accounts is null ? string.Empty : ", a.industrycode as __industrycode, a.numberofemployees as __numberofemployees, a.cpc_region as __cpc_region") +
            (accounts is not null && labels is not null ? ", l.label as __industrylabel" : string.Empty) +
            $" from {contacts} c" +
            (accounts is null ? string.Empty : $" left join {accounts} a on lower(cast(a.\"Id\" as varchar)) = lower(cast(c.{Sql.Name(Tables.Contact.ParentCustomer)} as varchar))") +
            (accounts is not null && labels is not null ? $" left join {labels} l on l.option = cast(a.industrycode as varchar)" : string.Empty) +
            $" where {persona} in ({string.Join(", ", tagged)}) order by lower(cast(c.\"Id\" as varchar))";
        var accountColumns = new Dictionary<string, string>
        {
            [Tables.Account.Industry] = "__industrycode",
            [Tables.Account.Employees] = "__numberofemployees",
            [Tables.Account.Region] = "__cpc_region",
        };
        foreach (var row in Rows(sql))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var contact = new LakeRow(row);
            if (contact.GetLookupId("Id") is not { } id)
            {
                continue;
            }

            LakeRow? account = null;
            if (accounts is not null)
            {
                var values = accountColumns.ToDictionary(c => c.Key, c => row.GetValueOrDefault(c.Value));
                values["__label"] = row.GetValueOrDefault("__industrylabel");
                account = new LakeRow(values, new Dictionary<string, string> { [Tables.Account.Industry] = "__label" });
            }

            var updated = contact.GetDate(Tables.Contact.ModifiedOn) ?? contact.GetDate("SinkModifiedOn") ?? DateTimeOffset.MinValue;
            var (profile, problems) = ContactProfileMapper.Read(id, contact, account, normalizer, updated);
            ContactsWithProblems += problems.IsEmpty ? 0 : 1;
            builder.Add(profile);
        }
    }

    private void AddSignals(PopulationBuilder builder, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        if (lake.Current(Tables.BehaviourSignal.Name) is not { } signals)
        {
            return;
        }

        var columns = lake.ColumnsOf(Tables.BehaviourSignal.Name);
        string Column(string name) => columns.Contains(name) ? Sql.Name(name) : "null";
        var occurred = $"coalesce(try_cast({Column(Tables.BehaviourSignal.OccurredOn)} as timestamptz), try_cast(try_cast({Column(Tables.BehaviourSignal.OccurredOn)} as timestamp) as timestamptz))";

        // DuckDB groups each contact's signals into one row (its behaviour, in time order): one row per contact streams by.
        var sql = $"select lower(cast({Column(Tables.BehaviourSignal.Contact)} as varchar)) as contact, list(struct_pack(" +
            $"id := coalesce(cast({Column(Tables.BehaviourSignal.ExternalId)} as varchar), cast(\"Id\" as varchar)), " +
            $"type := try_cast({Column(Tables.BehaviourSignal.Type)} as integer), occurred := {occurred}, " +
            $"theme := cast({Column(Tables.BehaviourSignal.Theme)} as varchar), layer := try_cast({Column(Tables.BehaviourSignal.Layer)} as integer), " +
            $"source := try_cast({Column(Tables.BehaviourSignal.Source)} as integer), related := cast({Column(Tables.BehaviourSignal.RelatedContact)} as varchar)) order by {occurred}) as signals " +
            $"from {signals} where {Column(Tables.BehaviourSignal.Contact)} is not null and {occurred} <= {Sql.Literal(asOf.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))}::timestamptz " +
            "group by 1 order by 1";
        using var command = lake.Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var contact = reader.GetString(0);
            if (reader.GetValue(1) is not System.Collections.IEnumerable list)
            {
                continue;
            }

            foreach (var item in list)
            {
                if (item is not IDictionary<string, object?> s || ToSignal(contact, s) is not { } signal)
                {
                    continue;
                }

                builder.AddSignal(signal);
            }
        }
    }

    private static BehaviourSignal? ToSignal(string contact, IDictionary<string, object?> s)
    {
        var type = Choices.To<BehaviourType>(s["type"] as int?);
        var occurred = s["occurred"] switch
        {
            DateTimeOffset d => d,
            DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
            _ => (DateTimeOffset?)null,
        };
        if (type is null || occurred is null)
        {
            return null;
        }

        var related = s["related"] as string;
        return new BehaviourSignal(
            s["id"] as string ?? string.Empty,
            contact,
            type.Value,
            occurred.Value,
            s["theme"] as string,
            Choices.To<MessagingLayer>(s["layer"] as int?, offset: 0),
            Choices.To<SignalSource>(s["source"] as int?),
            Guid.TryParse(related, out var relatedId) ? relatedId.ToString("D") : null);
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
