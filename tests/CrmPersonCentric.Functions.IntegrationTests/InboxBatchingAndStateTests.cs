using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Dataverse.Webhook;
using CrmPersonCentric.Functions.Triggers;
using CrmPersonCentric.Model;
using CrmPersonCentric.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPersonCentric.Functions.IntegrationTests;

/// <summary>
/// Group commit of the inbox, batch messages in the processor, and the one-row-per-contact state under concurrent
/// deliveries and erasures, on real Azurite.
/// </summary>
public sealed class InboxBatchingAndStateTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private TestBackend _backend = null!;

    public ValueTask InitializeAsync()
    {
        // One send at a time: deliveries that arrive during a send go out together in the next message.
        _backend = new TestBackend(azurite.Storage, new Dictionary<string, string?> { ["Storage:InboxConcurrentSends"] = "1" });
        _backend.Dataverse.Add("cpc_personas", DataverseRows.Persona(), Guid.Parse(WebhookPayloads.PersonaId));
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _backend.DisposeAsync();

    private PeopleStore Store => _backend.Services.GetRequiredService<PeopleStore>();

    [Fact]
    public async Task ConcurrentDeliveries_ShareQueueMessages_AndEveryOneIsStoredOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var contacts = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid().ToString("D")).ToList();
        var answers = await Task.WhenAll(contacts.Select(c => Task.Run(() =>
            _backend.Function<DataverseWebhookFunction>().RunAsync(HttpCall.Post(WebhookPayloads.ContactChange(c, "3")), ct), ct)));
        Assert.All(answers, a => Assert.IsType<AcceptedResult>(a));

        var storage = _backend.Services.GetRequiredService<StorageClients>();
        var texts = new List<string>();
        while ((await storage.Inbox.ReceiveMessagesAsync(32, cancellationToken: ct)).Value is { Length: > 0 } batch)
        {
            foreach (var message in batch)
            {
                texts.Add(message.MessageText);
                await storage.Inbox.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
            }
        }

        // One send at a time: deliveries that arrive during a send go out together in the next message.
        Assert.Equal(40, texts.Sum(t => InboxStore.Parse(t).Count));
        Assert.True(texts.Count < 40, $"{texts.Count} queue messages for 40 concurrent deliveries: nothing was grouped");
        Assert.Contains(texts, t => t.StartsWith("{\"deliveries\":[", StringComparison.Ordinal));

        var processor = _backend.Services.GetRequiredService<InboxProcessor>();
        foreach (var text in texts)
        {
            Assert.Equal(InboxOutcome.Completed, await processor.ProcessAsync(text, 1, ct));
            Assert.Equal(InboxOutcome.Completed, await processor.ProcessAsync(text, 2, ct)); // a redelivery changes nothing
        }

        var stored = await ProfilesAsync();
        Assert.Equal(contacts.Order(), stored.Select(p => p.ContactId).Order());
    }

    [Fact]
    public async Task BatchWithOneBadDelivery_PoisonsOnlyIt_AndARetryKeepsOnePoisonItem()
    {
        var ct = TestContext.Current.CancellationToken;
        var good = Guid.NewGuid().ToString("D");
        var now = DateTimeOffset.UtcNow;
        var batch = "{\"deliveries\":[" + InboxStore.Serialize(new InboxMessage("good-1", now, false, WebhookPayloads.ContactChange(good, "4"), null)) + ","
            + InboxStore.Serialize(new InboxMessage("bad-1", now, false, "{ \"PrimaryEntityName\": \"contact\" }", null)) + "]}";
        var processor = _backend.Services.GetRequiredService<InboxProcessor>();

        Assert.Equal(InboxOutcome.Poisoned, await processor.ProcessAsync(batch, 1, ct));
        Assert.Equal(InboxOutcome.Poisoned, await processor.ProcessAsync(batch, 2, ct));

        Assert.Contains(await ProfilesAsync(), p => p.ContactId == good);
        var poison = await _backend.Services.GetRequiredService<PoisonStore>().ListAsync(cancellationToken: ct);
        Assert.Single(poison);
        Assert.Contains("bad-1", poison[0].Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentVersionsOfOneContact_LeaveTheNewest()
    {
        var contact = Guid.NewGuid().ToString("D");
        var results = await Task.WhenAll(Enumerable.Range(1, 24).Select(v => Task.Run(() => Store.UpsertSnapshotAsync(Snapshot(contact, WebhookPayloads.PersonaId, v), TestContext.Current.CancellationToken))));

        Assert.Contains(SnapshotWriteResult.Stored, results);
        Assert.Equal(("24", false), (await Store.IndexOfAsync(contact, TestContext.Current.CancellationToken))!.Value);
        Assert.Equal(SnapshotWriteResult.Older, await Store.UpsertSnapshotAsync(Snapshot(contact, WebhookPayloads.PersonaId, 5), TestContext.Current.CancellationToken));
        Assert.Equal(SnapshotWriteResult.Duplicate, await Store.UpsertSnapshotAsync(Snapshot(contact, WebhookPayloads.PersonaId, 24), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task LikelyNewHint_NeverOverridesAStoredNewerRow()
    {
        var ct = TestContext.Current.CancellationToken;
        var contact = Guid.NewGuid().ToString("D");
        Assert.Equal(SnapshotWriteResult.Stored, await Store.UpsertSnapshotAsync(Snapshot(contact, WebhookPayloads.PersonaId, 5), ct));
        var late = SecondInstance();

        Assert.Equal(SnapshotWriteResult.Older, await late.UpsertSnapshotAsync(Snapshot(contact, WebhookPayloads.PersonaId, 3) with { LikelyNew = true }, ct));
        Assert.Equal(SnapshotWriteResult.Stored, await late.UpsertSnapshotAsync(Snapshot(contact, WebhookPayloads.PersonaId, 6) with { LikelyNew = true }, ct));
        Assert.Equal(("6", false), (await Store.IndexOfAsync(contact, ct))!.Value);
    }

    [Fact]
    public async Task TwoInstances_WhatOneRemembersGoingStale_NeverLosesTheNewerRow()
    {
        var ct = TestContext.Current.CancellationToken;
        var contact = Guid.NewGuid().ToString("D");
        var other = SecondInstance();
        await Store.UpsertSnapshotAsync(Snapshot(contact, WebhookPayloads.PersonaId, 1), ct); // this instance remembers version 1
        await other.UpsertSnapshotAsync(Snapshot(contact, WebhookPayloads.PersonaId, 3), ct);

        Assert.Equal(SnapshotWriteResult.Older, await Store.UpsertSnapshotAsync(Snapshot(contact, WebhookPayloads.PersonaId, 2), ct));
        Assert.Equal(("3", false), (await Store.IndexOfAsync(contact, ct))!.Value);
        await other.WriteTombstoneAsync(contact, cancellationToken: ct);
        Assert.Equal(SnapshotWriteResult.Erased, await Store.UpsertSnapshotAsync(Snapshot(contact, WebhookPayloads.PersonaId, 4, DateTimeOffset.UtcNow.AddHours(1)), ct));
        Assert.Equal(SnapshotWriteResult.Older, await Store.UpsertSnapshotAsync(Snapshot(contact, WebhookPayloads.PersonaId, 3, DateTimeOffset.UtcNow.AddHours(1)), ct));
        Assert.True(await Store.IsErasedAsync(contact, ct));
        Assert.Equal(SnapshotWriteResult.Erased, await Store.UpsertSnapshotAsync(Snapshot(contact, WebhookPayloads.PersonaId, 5) with { ExistenceConfirmedOn = DateTimeOffset.UtcNow.AddHours(-1) }, ct));
        Assert.Equal(SnapshotWriteResult.Stored, await Store.UpsertSnapshotAsync(Snapshot(contact, WebhookPayloads.PersonaId, 5) with { ExistenceConfirmedOn = DateTimeOffset.UtcNow }, ct));
        Assert.False(await Store.IsErasedAsync(contact, ct));
    }

    [Fact]
    public async Task PersonaChange_MovesTheContact_AndUntaggedContactsAreNotEvaluated()
    {
        var ct = TestContext.Current.CancellationToken;
        var contact = Guid.NewGuid().ToString("D");
        const string other = "1a2b3c4d-0000-4000-8000-000000000002";
        await Store.UpsertSnapshotAsync(Snapshot(contact, WebhookPayloads.PersonaId, 1), ct);
        await Store.UpsertSnapshotAsync(Snapshot(contact, other, 2), ct);
        var untagged = Guid.NewGuid().ToString("D");
        await Store.UpsertSnapshotAsync(Snapshot(untagged, null, 1), ct);

        var all = await ProfilesAsync();
        Assert.Equal(other, Assert.Single(all, p => p.ContactId == contact).PersonaId);
        Assert.DoesNotContain(all, p => p.ContactId == untagged);
        Assert.DoesNotContain(all, p => p.PersonaId == WebhookPayloads.PersonaId && p.ContactId == contact);
        Assert.Contains((untagged, (string?)null), await ToListAsync(Store.IndexedContactsAsync(ct)));
    }

    [Fact]
    public async Task ErasureRacingDeliveries_LeavesNoSnapshot_AndLaterOlderDeliveriesStayOut()
    {
        var ct = TestContext.Current.CancellationToken;
        var contact = Guid.NewGuid().ToString("D");
        await Store.UpsertSnapshotAsync(Snapshot(contact, WebhookPayloads.PersonaId, 1), ct);
        var erasedAt = DateTimeOffset.UtcNow;
        var writes = Enumerable.Range(2, 12).Select(v => Task.Run(() => Store.UpsertSnapshotAsync(Snapshot(contact, WebhookPayloads.PersonaId, v, erasedAt.AddMinutes(-5)), ct))).ToList();
        await Store.WriteTombstoneAsync(contact, cancellationToken: ct);
        await Task.WhenAll(writes);
        await Store.UpsertSnapshotAsync(Snapshot(contact, WebhookPayloads.PersonaId, 99, erasedAt.AddMinutes(-1)), ct);

        Assert.True(await Store.IsErasedAsync(contact, ct));
        Assert.DoesNotContain(await ProfilesAsync(), p => p.ContactId == contact);
    }

    private PeopleStore SecondInstance() => new(
        _backend.Services.GetRequiredService<StorageClients>(),
        Microsoft.Extensions.Logging.Abstractions.NullLogger<PeopleStore>.Instance,
        TimeProvider.System);

    private static PersonSnapshot Snapshot(string contact, string? persona, int version, DateTimeOffset? modifiedOn = null)
    {
        var at = modifiedOn ?? DateTimeOffset.UnixEpoch.AddDays(version);
        var traits = TraitSet.Create([new KeyValuePair<TraitDimension, IEnumerable<string>>(TraitDimension.CoreFear, ["missing-quota"])]);
        return new(new PersonProfile(contact, persona, traits, null, null, TrustModes.None, new AccountProfile(null, null, null), at), 0.5, version.ToString(System.Globalization.CultureInfo.InvariantCulture), at);
    }

    private async Task<List<PersonProfile>> ProfilesAsync() => await ToListAsync(Store.ProfilesAsync(TestContext.Current.CancellationToken));

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

}
