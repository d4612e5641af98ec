using CrmPersonCentric.Application.Contacts;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Application.Signals;
using CrmPersonCentric.Model;
using CrmPersonCentric.Model.Signals;

namespace CrmPersonCentric.Application.Tests;

public sealed class SignalsAndErasureTests
{
    private static readonly string Contact = Guid.NewGuid().ToString("D");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SignalInput Valid(string id, string? contact = null) => new(id, contact ?? Contact, "referral", "2026-10-01", RelatedContactId: Guid.NewGuid().ToString("D"));

    [Fact]
    public async Task Ingest_StoresTheValidRecords_AndNamesEachProblemAsTheApiNamesIt()
    {
        await using var backend = new InMemoryBackend();

        var outcome = await backend.Action<IngestSignals>().IngestAsync([Valid("s1"), new SignalInput("s2", "not-a-guid", "gossip", "01/10/2026"), Valid("s1")], Ct);

        Assert.Equal(IngestionVerdict.Stored, outcome.Verdict);
        Assert.Equal(2, outcome.Result!.Accepted);
        Assert.Single(backend.Signals.Signals); // the same id twice is one signal
        Assert.Equal(["contactId", "type", "occurredOn"], outcome.Result.Rejected.Select(r => r.Field));
        Assert.All(outcome.Result.Rejected, r => Assert.Equal(2, r.Record));
    }

    [Fact]
    public async Task Ingest_NothingValid_IsAllInvalid_AndStoresNothing()
    {
        await using var backend = new InMemoryBackend();

        var outcome = await backend.Action<IngestSignals>().IngestAsync([new SignalInput(null, null, null, null)], Ct);

        Assert.Equal(IngestionVerdict.AllInvalid, outcome.Verdict);
        Assert.Empty(backend.Signals.Signals);
    }

    [Fact]
    public async Task Ingest_MoreThanARequestMayHold_IsRefusedWhole()
    {
        await using var backend = new InMemoryBackend();

        var outcome = await backend.Action<IngestSignals>().IngestAsync([.. Enumerable.Range(0, IngestSignals.MaxRecords + 1).Select(i => Valid("s" + i))], Ct);

        Assert.Equal(IngestionVerdict.TooMany, outcome.Verdict);
        Assert.Empty(backend.Signals.Signals);
    }

    [Fact]
    public async Task Erase_LeavesATombstone_DropsSignalsAndKeptPayloads_AndLaterSignalsOfThePerson()
    {
        await using var backend = new InMemoryBackend();
        await backend.Action<IngestSignals>().IngestAsync([Valid("s1")], Ct);
        await backend.Poison.KeepAsync("{\"id\":\"" + Contact + "\"}", PoisonSources.Webhook, "Unreadable webhook body", false, cancellationToken: Ct);
        await backend.Poison.KeepAsync("{\"other\":true}", PoisonSources.Webhook, "Unreadable webhook body", false, cancellationToken: Ct);

        await backend.Action<EraseContact>().EraseAsync(Contact, "W/\"7\"", Ct);
        var late = await backend.Action<IngestSignals>().IngestAsync([Valid("s2")], Ct);
        var snapshot = await backend.People.UpsertSnapshotAsync(new PersonSnapshot(Profile(), null, "W/\"8\"", backend.Time.GetUtcNow()), Ct);

        Assert.True(await backend.People.IsErasedAsync(Contact, Ct));
        Assert.Empty(backend.Signals.Signals);
        Assert.Contains(late.Result!.Rejected, r => r.Field == "contactId" && r.Message.Contains("erased", StringComparison.Ordinal));
        Assert.Single(backend.Poison.Items);
        // A newer delivery after the erasure needs the system of record's word that the contact exists again.
        Assert.Equal(SnapshotWriteResult.Erased, snapshot);
    }

    [Fact]
    public async Task Erase_IsIdempotent()
    {
        await using var backend = new InMemoryBackend();
        var erase = backend.Action<EraseContact>();

        await erase.EraseAsync(Contact, cancellationToken: Ct);
        await erase.EraseAsync(Contact, cancellationToken: Ct);

        Assert.True(await backend.People.IsErasedAsync(Contact, Ct));
    }

    private static PersonProfile Profile() =>
        new(Contact, null, TraitSet.Empty, null, null, TrustModes.None, new AccountProfile(null, null, null), DateTimeOffset.UnixEpoch);
}
