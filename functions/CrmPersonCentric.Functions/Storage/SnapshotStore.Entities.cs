using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using CrmPersonCentric.Dataverse.Steps;
using CrmPersonCentric.Model;

namespace CrmPersonCentric.Functions.Storage;

public sealed partial class SnapshotStore
{
    /// <summary>Streams the snapshots of every tagged contact, all personas in one pass over the table.</summary>
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

    /// <summary>Streams the signals that occurred since a moment (all contacts).</summary>
    public async IAsyncEnumerable<BehaviourSignal> SignalsSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var row in Signals.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"OccurredOn ge {since}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (Enum.TryParse<BehaviourType>(row.GetString("Type"), out var type))
            {
                var layer = row.GetInt32("Layer");
                yield return new BehaviourSignal(row.GetString("SignalId"), row.GetString("ContactId"), type, row.GetDateTimeOffset("OccurredOn") ?? since, row.GetString("Theme"), layer is { } l ? (MessagingLayer)l : null);
            }
        }
    }

    /// <summary>Deletes signals older than the retention; returns how many.</summary>
    public async Task<int> ApplyRetentionAsync(TimeSpan retention, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var cutoff = time.GetUtcNow() - retention;
        var old = new List<(string Partition, string Row)>();
        await foreach (var row in Signals.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"OccurredOn lt {cutoff}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            old.Add((row.PartitionKey, row.RowKey));
        }

        foreach (var partition in old.GroupBy(o => o.Partition))
        {
            foreach (var chunk in partition.Chunk(100))
            {
                await Signals.SubmitTransactionAsync(chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(k.Partition, k.Row), Azure.ETag.All)), cancellationToken).ConfigureAwait(false);
            }
        }

        return old.Count;
    }

    private static TableEntity ToEntity(PersonSnapshot snapshot)
    {
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

    private static TableEntity ToEntity(BehaviourSignal signal) => new(TableKeys.Encode(signal.ContactId), TableKeys.Encode(signal.Id))
    {
        ["SignalId"] = signal.Id,
        ["ContactId"] = signal.ContactId,
        ["Type"] = signal.Type.ToString(),
        ["Layer"] = signal.Layer is { } l ? (int)l : null,
        ["OccurredOn"] = signal.OccurredOn,
        ["Theme"] = signal.Theme,
    };
}
