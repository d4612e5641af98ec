using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Storage;

/// <summary>The people row's shapes: what a snapshot writes, what evaluation reads of it, and profiles read back for inspection.</summary>
public sealed partial class PeopleStore
{
    /// <summary>The columns evaluation reads of a people row.</summary>
    public static readonly IReadOnlyList<string> EvaluationColumns =
        ["RowKey", "ContactId", "Persona", "HasDeepDesire", "Trust", "Industry", "Employees", "Region", "ProfileUpdatedOn", .. TraitDimensions.All.Select(d => d.ToString())];

    /// <summary>
    /// The tagged contacts of one bucket (partition), in key order, with the columns evaluation reads: each becomes the
    /// population builder's row through <see cref="ToPersonRow"/> (no profile object, no copies of the trait texts);
    /// the behaviour summaries are keyed by the row key.
    /// </summary>
    public async Task<IReadOnlyList<TableEntity>> TaggedRowsOfBucketAsync(string bucket, CancellationToken cancellationToken = default)
    {
        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {bucket} and Erased eq {false} and Persona ne {string.Empty}");
        await foreach (var row in People.QueryAsync<TableEntity>(filter, select: EvaluationColumns, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>A stored people row as the population builder takes it.</summary>
    public static PersonRow ToPersonRow(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new PersonRow
        {
            ContactId = row.GetString("ContactId") ?? row.RowKey,
            PersonaId = row.GetString("Persona"),
            Aspirations = row.GetString(nameof(TraitDimension.Aspiration)),
            CoreFears = row.GetString(nameof(TraitDimension.CoreFear)),
            PeerGroups = row.GetString(nameof(TraitDimension.PeerGroup)),
            Communities = row.GetString(nameof(TraitDimension.Community)),
            HasDeepDesire = row.GetBoolean("HasDeepDesire") == true,
            Trust = (TrustModes)(row.GetInt32("Trust") ?? 0),
            Industry = row.GetString("Industry"),
            Employees = row.GetInt32("Employees"),
            Region = row.GetString("Region"),
            ProfileUpdatedOn = row.GetDateTimeOffset("ProfileUpdatedOn") ?? DateTimeOffset.UnixEpoch,
        };
    }

    /// <summary>Streams the snapshots of every tagged contact as profiles, in one pass over the table (for inspection and tests; evaluation reads rows of a bucket at a time).</summary>
    public async IAsyncEnumerable<PersonProfile> ProfilesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var row in People.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Erased eq {false} and Persona ne {string.Empty}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.GetString("Persona") is { Length: > 0 } personaId)
            {
                yield return ToProfile(row, personaId);
            }
        }
    }

    /// <summary>The people-table row of a snapshot, as the store writes it (also what benchmarks write as their baseline).</summary>
    public static TableEntity ToEntity(PersonSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var profile = snapshot.Profile;
        var contactKey = TableKeys.Encode(profile.ContactId);
        var entity = new TableEntity(BucketOf(contactKey), contactKey)
        {
            ["ContactId"] = profile.ContactId,
            ["Persona"] = profile.PersonaId,
            ["Erased"] = false,
            ["HasDeepDesire"] = profile.HasDeepPersonalDesire,
            ["Trust"] = (int)profile.Trust,
            ["Industry"] = profile.Account.Industry,
            ["Employees"] = profile.Account.EmployeeCount,
            ["Region"] = profile.Account.Region,
            ["Fit"] = snapshot.Fit,
            ["RowVersion"] = snapshot.RowVersion,
            ["ModifiedOn"] = snapshot.ModifiedOn,
            ["ProfileUpdatedOn"] = profile.ProfileUpdatedOn,
        };
        foreach (var dimension in TraitDimensions.All)
        {
            // At most 20 keys of 100 characters per dimension: far below the 64 KB string limit.
            entity[dimension.ToString()] = string.Join(KeySeparator, profile.Traits[dimension]);
        }

        return entity;
    }

    private static PersonProfile ToProfile(TableEntity row, string personaId)
    {
        var traits = TraitSet.Create(TraitDimensions.All.Select(d =>
            new KeyValuePair<TraitDimension, IEnumerable<string>>(d, (row.GetString(d.ToString()) ?? string.Empty).Split(KeySeparator, StringSplitOptions.RemoveEmptyEntries))));
        return new PersonProfile(
            row.GetString("ContactId"),
            personaId,
            traits,
            row.GetBoolean("HasDeepDesire") == true ? "recorded" : null,
            null,
            (TrustModes)(row.GetInt32("Trust") ?? 0),
            new AccountProfile(row.GetString("Industry"), row.GetInt32("Employees"), row.GetString("Region")),
            row.GetDateTimeOffset("ProfileUpdatedOn") ?? DateTimeOffset.UnixEpoch);
    }
}
