using CrmPersonCentric.Application.Contacts;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Model;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace CrmPersonCentric.Application.Tests;

public sealed class ReconcileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reconcile_ErasesAContactTheSystemOfRecordNoLongerHas_AndAppliesRetention()
    {
        var contacts = Substitute.For<IContactRecords>();
        contacts.TaggedContactsAsync(Arg.Any<CancellationToken>()).Returns(AsyncEnumerable.Empty<ContactRecord>());
        await using var backend = new InMemoryBackend(configure: s => s.AddSingleton(contacts));
        var gone = Guid.NewGuid().ToString("D");
        var persona = backend.Data.Personas[0].Id;
        await backend.People.UpsertSnapshotAsync(new PersonSnapshot(new PersonProfile(gone, persona, TraitSet.Empty, null, null, TrustModes.None, new AccountProfile(null, null, null), DateTimeOffset.UnixEpoch), null, "1", backend.Time.GetUtcNow()), Ct);
        await backend.Signals.RecordSignalAsync(new BehaviourSignal("old", Guid.NewGuid().ToString("D"), BehaviourType.EventAttendance, backend.Time.GetUtcNow().AddYears(-3), null, null), Ct);

        var result = await backend.Action<ReconcileContacts>().RunAsync(Ct);

        Assert.Equal(("completed", 1, 1), (result.Outcome, result.ErasedContacts, result.ExpiredSignals));
        Assert.True(await backend.People.IsErasedAsync(gone, Ct));
        Assert.Empty(backend.Signals.Signals);
    }

    [Fact]
    public async Task Reconcile_WhilePagingFails_RepairsWhatItReadAndSaysSo()
    {
        var contacts = Substitute.For<IContactRecords>();
        contacts.TaggedContactsAsync(Arg.Any<CancellationToken>()).Returns(Failing());
        await using var backend = new InMemoryBackend(configure: s => s.AddSingleton(contacts));

        var result = await backend.Action<ReconcileContacts>().RunAsync(Ct);

        Assert.Equal(("completed with failures", 1), (result.Outcome, result.Failed));
    }

    [Fact]
    public async Task Reconcile_WhileAnotherHoldsTheLease_IsSkipped()
    {
        var contacts = Substitute.For<IContactRecords>();
        await using var backend = new InMemoryBackend(configure: s => s.AddSingleton(contacts));
        backend.Leases.Hold(ReconcileContacts.LeaseName, ReconcileContacts.LeaseDuration);

        var result = await backend.Action<ReconcileContacts>().RunAsync(Ct);

        Assert.StartsWith("skipped", result.Outcome, StringComparison.Ordinal);
        Assert.Empty(contacts.ReceivedCalls());
    }

    private static async IAsyncEnumerable<ContactRecord> Failing()
    {
        await Task.Yield();
        throw new HttpRequestException("Dataverse is unavailable");
#pragma warning disable CS0162 // an iterator needs a yield
        yield break;
#pragma warning restore CS0162
    }
}
