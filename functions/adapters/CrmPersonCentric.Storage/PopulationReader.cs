using System.Collections.Immutable;
using System.Globalization;
using Azure.Data.Tables;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Taxonomy;
using Microsoft.Extensions.Options;

using CrmPersonCentric.Application.Ports;

namespace CrmPersonCentric.Storage;

/// <summary>
/// Builds an evaluation's population straight from storage: the people table's 64 buckets read in parallel (at most
/// <see cref="StorageOptions.EvaluationReadParallelism"/> at once), each with the behaviour summaries of the same
/// bucket, rows turned into the compact population without a profile or signal object per contact. Signals themselves
/// are not read, so the cost follows the contacts, not the history kept. Buckets are added in bucket order (rows
/// in key order within one), so the same data gives the same population and the same findings. The signal table is
/// read once only, on the first run after an upgrade, to build the summaries of signals stored before they existed.
/// </summary>
public sealed class PopulationReader(StorageClients storage, SignalStore signals, IOptions<StorageOptions> options) : IPopulationSource
{
    /// <summary>The people-table columns evaluation reads.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["RowKey", "ContactId", "Persona", "HasDeepDesire", "Trust", "Industry", "Employees", "Region", "ProfileUpdatedOn", .. TraitDimensions.All.Select(d => d.ToString())];

    private TableClient People => storage.Table(TableNames.People);

    /// <summary>Reads every tagged contact of these personas; progress reports the share of buckets added (0–1).</summary>
    public async Task<CompactPopulation> ReadAsync(ImmutableArray<Persona> personas, DateTimeOffset asOf, IProgress<double>? progress = null, ThemeTaxonomy? themes = null, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await signals.EnsureSummariesAsync(cancellationToken).ConfigureAwait(false);
        var builder = new PopulationBuilder(personas, asOf, themes);
        var buckets = Enumerable.Range(0, PeopleStore.Buckets).Select(b => b.ToString("X2", CultureInfo.InvariantCulture)).ToArray();
        var parallelism = options.Value.EvaluationReadParallelism;
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // A window of reads in bucket order: bucket b + parallelism starts once bucket b has been read, so at most
        // `parallelism` + 1 buckets' rows are held at once, and the population's order does not depend on timing.
        var reads = new Task<(List<TableEntity> People, Dictionary<string, byte[]> Summaries)>?[buckets.Length];
        var started = 0;
        void StartUpTo(int limit)
        {
            for (; started < Math.Min(limit, buckets.Length); started++)
            {
                reads[started] = ReadBucketAsync(buckets[started], failed.Token);
            }
        }

        StartUpTo(parallelism);
        try
        {
            for (var b = 0; b < buckets.Length; b++)
            {
                var (people, summaries) = await reads[b]!.ConfigureAwait(false);
                reads[b] = null;
                StartUpTo(b + 1 + parallelism);
                if (b == 0)
                {
                    // Buckets are a hash of the id, so the first one predicts the whole: reserve once, with 10% to spare.
                    builder.EnsureCapacity((int)Math.Min(int.MaxValue / 16, people.Count * 1.1 * buckets.Length));
                }

                foreach (var row in people)
                {
                    var contact = builder.AddRow(ToRow(row));
                    if (contact >= 0 && summaries.TryGetValue(row.RowKey, out var summary))
                    {
                        builder.AddBehaviour(contact, summary);
                    }
                }

                progress?.Report((b + 1.0) / buckets.Length);
            }
        }
        catch
        {
            await failed.CancelAsync().ConfigureAwait(false); // the reads still in flight stop early
            throw;
        }
        finally
        {
            // Every read started is awaited, so none is left running or with an unobserved failure; the first failure
            // is the one that propagates.
            foreach (var read in reads.OfType<Task>())
            {
                try
                {
                    await read.ConfigureAwait(false);
                }
                catch (Exception)
                {
                }
            }
        }

        return builder.Build();
    }

    /// <summary>A stored people row as the builder takes it (no copies of the trait texts).</summary>
    public static PersonRow ToRow(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var employees = row.GetInt32("Employees");
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
            Employees = employees,
            Region = row.GetString("Region"),
            ProfileUpdatedOn = row.GetDateTimeOffset("ProfileUpdatedOn") ?? DateTimeOffset.UnixEpoch,
        };
    }

    private async Task<(List<TableEntity> People, Dictionary<string, byte[]> Summaries)> ReadBucketAsync(string bucket, CancellationToken cancellationToken)
    {
        var summaries = signals.SummariesOfBucketAsync(bucket, cancellationToken);
        var people = new List<TableEntity>();
        try
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {bucket} and Erased eq {false} and Persona ne {string.Empty}");
            await foreach (var row in People.QueryAsync<TableEntity>(filter, select: Columns, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                people.Add(row);
            }
        }
        catch
        {
            try
            {
                await summaries.ConfigureAwait(false); // observed, so its own failure is not lost unobserved
            }
            catch (Exception)
            {
            }

            throw;
        }

        return (people, await summaries.ConfigureAwait(false));
    }
}
