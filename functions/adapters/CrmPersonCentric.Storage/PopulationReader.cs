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
public sealed class PopulationReader(StorageClients storage, PeopleStore people, SignalStore signals, IOptions<StorageOptions> options) : IPopulationSource
{
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
        var reads = new Task<(IReadOnlyList<TableEntity> People, Dictionary<string, byte[]> Summaries)>?[buckets.Length];
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
                var (rows, summaries) = await reads[b]!.ConfigureAwait(false);
                reads[b] = null;
                StartUpTo(b + 1 + parallelism);
                Add(builder, rows, summaries);
                if (b == 0)
                {
                    Reserve(builder, buckets.Length);
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

    /// <summary>Adds one bucket's rows, each with its behaviour summary when it has one.</summary>
    public static void Add(PopulationBuilder builder, IEnumerable<TableEntity> rows, IReadOnlyDictionary<string, byte[]> summaries)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(summaries);
        foreach (var row in rows)
        {
            var contact = builder.AddRow(PeopleStore.ToPersonRow(row));
            if (contact >= 0 && summaries.TryGetValue(row.RowKey, out var summary))
            {
                builder.AddBehaviour(contact, summary);
            }
        }
    }

    /// <summary>
    /// Once the first bucket is added: buckets are a hash of the id, so it predicts the whole (contacts, and per contact
    /// the traits, responses and referrals): the builder reserves for all of them once, with 10% to spare.
    /// </summary>
    public static void Reserve(PopulationBuilder builder, int buckets)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.EnsureCapacity((int)Math.Min(PopulationBuilder.MaxContacts, builder.Count * 1.1 * buckets));
    }

    private async Task<(IReadOnlyList<TableEntity> People, Dictionary<string, byte[]> Summaries)> ReadBucketAsync(string bucket, CancellationToken cancellationToken)
    {
        var summaries = signals.SummariesOfBucketAsync(bucket, cancellationToken);
        try
        {
            return (await people.TaggedRowsOfBucketAsync(bucket, cancellationToken).ConfigureAwait(false), await summaries.ConfigureAwait(false));
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
    }
}
