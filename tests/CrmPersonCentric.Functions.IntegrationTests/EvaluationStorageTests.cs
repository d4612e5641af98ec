using Azure.Data.Tables;
using CrmPersonCentric.Application.Contacts;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Population;
using CrmPersonCentric.Import;
using CrmPersonCentric.Import.Sample;
using CrmPersonCentric.Model;
using CrmPersonCentric.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPersonCentric.Functions.IntegrationTests;

/// <summary>Evaluation from storage: people rows and behaviour summaries, read by bucket, over real Azurite.</summary>
public sealed class EvaluationStorageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private TestBackend _backend = null!;

    public ValueTask InitializeAsync()
    {
        _backend = new TestBackend(azurite.Storage);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _backend.DisposeAsync();

    private SignalStore Signals => _backend.Services.GetRequiredService<SignalStore>();

    private PeopleStore People => _backend.Services.GetRequiredService<PeopleStore>();

    private TableClient Table(string name) => _backend.Services.GetRequiredService<StorageClients>().Table(name);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The sample at a small scale, signals on whole seconds (what storage keeps) and none after the export date.</summary>
    private static OrgData Sample(double scale = 0.05)
    {
        var data = SampleOrganisation.Generate(new SampleOptions { Scale = scale, UntaggedPeople = 20 });
        return data with
        {
            Signals = [.. data.Signals.Where(s => s.OccurredOn <= data.ExportedOn!.Value)
                .Select(s => s with { OccurredOn = new DateTimeOffset(s.OccurredOn.Ticks - (s.OccurredOn.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero) })],
        };
    }

    private async Task StoreAsync(OrgData data)
    {
        await Parallel.ForEachAsync(data.Profiles, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (profile, ct) =>
            await People.UpsertSnapshotAsync(new PersonSnapshot(profile, null, "1", profile.ProfileUpdatedOn, LikelyNew: true), ct));
        await Signals.RecordSignalsAsync(data.Signals, Ct);
    }

    [Fact]
    public async Task Trend_points_with_every_measure_and_finding_round_trip_through_the_trends_table()
    {
        var data = Sample(0.2);
        var evaluation = new DriftEngine().Evaluate(PopulationBuilder.Build(data.Personas, data.Profiles, data.Signals, data.ExportedOn!.Value), data.Rules);
        var points = Application.History.RunHistory.PointsOf(evaluation);
        var store = _backend.Services.GetRequiredService<ITrendStore>();

        await store.RecordAsync(points, Ct);
        var read = await store.TrendsAsync(points.Select(p => p.PersonaId), Ct);

        Assert.Equal(points.Length, read.Count);
        foreach (var (kept, back) in points.OrderBy(p => p.PersonaId, StringComparer.Ordinal).Zip(read.OrderBy(p => p.PersonaId, StringComparer.Ordinal)))
        {
            Assert.Equal(kept.Measures, back.Measures);
            Assert.Equal(kept.Findings, back.Findings);
            Assert.Equal(kept with { Measures = [], Findings = [] }, back with { Measures = [], Findings = [] });
        }

        Assert.Contains(read, p => p.Findings.Length > 5 && p.Measures.Length > 10);
    }

    [Fact]
    public async Task Hourly_trend_points_are_thinned_to_the_last_run_of_each_day_before_the_last_two_days()
    {
        var store = _backend.Services.GetRequiredService<ITrendStore>();
        var end = new DateTimeOffset(2026, 11, 10, 12, 0, 0, TimeSpan.Zero);
        var persona = "thinned-" + Guid.NewGuid().ToString("N");
        foreach (var asOf in Enumerable.Range(0, 24 * 5).Select(h => end.AddHours(-(24 * 5) + 1 + h)))
        {
            await store.RecordAsync([new Application.History.TrendPoint(asOf, persona, 1, 100, 0.7, 0.1, 0.05, 0, 0.1)], Ct);
        }

        var kept = (await store.TrendsAsync([persona], Ct)).Select(p => p.AsOf).ToList();

        // Every run after the two-day cut, and one per earlier day: the merge in memory keeps the same.
        var merged = Application.History.RunHistory.Merge([], kept.Select(k => new Application.History.TrendPoint(k, persona, 1, 100, 0.7, 0.1, 0.05, 0, 0.1))).Select(p => p.AsOf).ToList();
        Assert.Equal(merged, kept);
        Assert.Equal(48, kept.Count(k => k > end - Application.History.RunHistory.KeptWhole));
        Assert.All(kept.Where(k => k <= end - Application.History.RunHistory.KeptWhole).GroupBy(k => k.UtcDateTime.Date), day => Assert.Single(day));
    }

    [Fact]
    public async Task Population_read_from_storage_evaluates_exactly_as_the_objects_it_was_stored_from()
    {
        var data = Sample();
        await StoreAsync(data);
        var asOf = data.ExportedOn!.Value;
        var reader = _backend.Services.GetRequiredService<PopulationReader>();
        var progress = new List<double>();

        var stored = await reader.ReadAsync(data.Personas, asOf, new SynchronousProgress<double>(progress.Add), cancellationToken: Ct);

        var expected = new DriftEngine().Evaluate(PopulationBuilder.Build(data.Personas, data.Profiles, data.Signals, asOf), data.Rules);
        var actual = new DriftEngine().Evaluate(stored, data.Rules);
        Assert.Equal(data.Profiles.Count(p => p.PersonaId is not null), stored.Count);
        Assert.Equal(expected.Findings.Select(f => (f.Id, f.Status, f.Evidence.N, f.Evidence.Observed)), actual.Findings.Select(f => (f.Id, f.Status, f.Evidence.N, f.Evidence.Observed)));
        Assert.Equal(PeopleStore.Buckets, progress.Count);
        Assert.Equal(1.0, progress[^1]);

        // The same data gives the same population order, so the same split sample and worklists.
        var again = await reader.ReadAsync(data.Personas, asOf, cancellationToken: Ct);
        Assert.Equal(stored.ContactIds, again.ContactIds);
    }

    [Fact]
    public async Task Duplicate_and_replayed_signals_count_once_and_erasure_removes_the_summary()
    {
        var contact = Guid.NewGuid().ToString("D");
        var at = new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
        BehaviourSignal[] signals = [new("r1", contact, BehaviourType.Referral, at, null, null), new("r2", contact, BehaviourType.Advocacy, at.AddDays(-1), null, null)];

        await Signals.RecordSignalsAsync(signals, Ct);
        await Signals.RecordSignalsAsync(signals, Ct);
        await Signals.RecordSignalAsync(signals[0], Ct);

        var key = TableKeys.Encode(contact);
        var row = await Table(TableNames.Behaviour).GetEntityAsync<TableEntity>(PeopleStore.BucketOf(key), key, cancellationToken: Ct);
        Assert.Equal(2, BehaviourSummary.Count(row.Value.GetBinary("Summary")));

        await _backend.Services.GetRequiredService<EraseContact>().EraseAsync(contact, cancellationToken: Ct);

        Assert.False((await Table(TableNames.Behaviour).GetEntityIfExistsAsync<TableEntity>(PeopleStore.BucketOf(key), key, cancellationToken: Ct)).HasValue);
    }

    [Fact]
    public async Task Concurrent_signals_of_one_contact_all_reach_its_summary()
    {
        var contact = Guid.NewGuid().ToString("D");
        var at = new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);

        await Parallel.ForEachAsync(Enumerable.Range(0, 24), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (i, ct) =>
            await Signals.RecordSignalAsync(new BehaviourSignal($"s{i}", contact, BehaviourType.EventAttendance, at.AddHours(-i), null, null), ct));

        var key = TableKeys.Encode(contact);
        var row = await Table(TableNames.Behaviour).GetEntityAsync<TableEntity>(PeopleStore.BucketOf(key), key, cancellationToken: Ct);
        Assert.Equal(24, BehaviourSummary.Count(row.Value.GetBinary("Summary")));
    }

    [Fact]
    public async Task Signals_stored_before_summaries_existed_are_summarised_once_before_the_first_evaluation()
    {
        var data = Sample(0.02);
        var asOf = data.ExportedOn!.Value;
        foreach (var profile in data.Profiles)
        {
            await People.UpsertSnapshotAsync(new PersonSnapshot(profile, null, "1", profile.ProfileUpdatedOn, LikelyNew: true), Ct);
        }

        // What an earlier version stored: signal rows only, no summaries and no marker.
        await Table(TableNames.Signals).CreateIfNotExistsAsync(Ct);
        foreach (var partition in data.Signals.GroupBy(s => TableKeys.Encode(s.ContactId)))
        {
            foreach (var chunk in partition.Chunk(100))
            {
                await Table(TableNames.Signals).SubmitTransactionAsync(chunk.Select(s => new TableTransactionAction(TableTransactionActionType.UpsertReplace, SignalStore.ToEntity(s))), Ct);
            }
        }

        var stored = await _backend.Services.GetRequiredService<PopulationReader>().ReadAsync(data.Personas, asOf, cancellationToken: Ct);

        var expected = PopulationBuilder.Build(data.Personas, data.Profiles, data.Signals, asOf);
        Assert.Equal(expected.ContactIds.Order(StringComparer.Ordinal), stored.ContactIds.Order(StringComparer.Ordinal));
        Assert.Equal(expected.EventsByDay.SelectMany(e => e).Sum(), stored.EventsByDay.SelectMany(e => e).Sum());
        Assert.Equal(0, await Signals.EnsureSummariesAsync(Ct)); // built once: the marker says so
    }

    [Fact]
    public async Task Retention_rebuilds_the_summaries_of_the_contacts_it_trimmed()
    {
        var contact = Guid.NewGuid().ToString("D");
        var now = DateTimeOffset.UtcNow;
        await Signals.RecordSignalsAsync([new("old", contact, BehaviourType.Referral, now.AddDays(-800), null, null), new("new", contact, BehaviourType.Referral, now.AddDays(-2), null, null)], Ct);

        await Signals.ApplyRetentionAsync(TimeSpan.FromDays(730), Ct);

        var key = TableKeys.Encode(contact);
        var row = await Table(TableNames.Behaviour).GetEntityAsync<TableEntity>(PeopleStore.BucketOf(key), key, cancellationToken: Ct);
        Assert.Equal(1, BehaviourSummary.Count(row.Value.GetBinary("Summary")));
    }
}
