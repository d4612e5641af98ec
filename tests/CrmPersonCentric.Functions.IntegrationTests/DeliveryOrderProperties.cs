using System.Globalization;
using CrmPersonCentric.Functions.Triggers;
using CrmPersonCentric.Model;
using CrmPersonCentric.Storage;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPersonCentric.Functions.IntegrationTests;

/// <summary>
/// The promise "a duplicate or reordered webhook delivery changes nothing twice", checked over generated delivery
/// sequences on real Azurite: each version of a contact is delivered at least once, some several times, in any order,
/// through the webhook function, the inbox queue and the inbox function. Only a delivery newer than every earlier one may change the
/// stored snapshot or write back to Dataverse; at the end the snapshot is the newest version's.
/// </summary>
public sealed class DeliveryOrderProperties(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly string[] Fears = ["Fear of missing quota", "burnout", "Budget cuts", "losing my job", "being replaced by AI"];

    private TestBackend _backend = null!;

    private FakeDataverse Dataverse => _backend.Dataverse;

    public ValueTask InitializeAsync()
    {
        _backend = new TestBackend(azurite.Storage);
        Dataverse.Add("cpc_personas", DataverseRows.Persona(), Guid.Parse(WebhookPayloads.PersonaId));
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _backend.DisposeAsync();

    /// <summary>Versions 1..n of one contact; <see cref="Order"/> delivers each at least once, in a shuffled order with duplicates.</summary>
    public sealed record DeliveryPlan(int Versions, IReadOnlyList<int> Order)
    {
        public override string ToString() => $"{Versions} versions delivered as [{string.Join(", ", Order)}]";
    }

    private static Arbitrary<DeliveryPlan> Plans() =>
        (from versions in Gen.Choose(1, 4)
         from duplicates in Gen.Choose(1, versions).ListOf().Resize(5)
         from order in Gen.Shuffle(Enumerable.Range(1, versions).Concat(duplicates))
         select new DeliveryPlan(versions, order)).ToArbitrary();

    [Fact]
    public async Task DuplicateOrReorderedDeliveries_ChangeNothingTwice()
    {
        var config = Config.QuickThrowOnFailure.WithMaxTest(25).WithReplay(20261201UL, 7UL);

        // FsCheck waits for Task properties itself; running it off the test's synchronisation context keeps that wait
        // from blocking the continuations it waits for.
        await Task.Run(() => Check.One(config, Prop.ForAll(Plans(), plan => HoldsAsync(plan))), TestContext.Current.CancellationToken);
    }

    private async Task HoldsAsync(DeliveryPlan plan)
    {
        var ct = TestContext.Current.CancellationToken;
        var contact = Guid.NewGuid().ToString("D");
        var id = Guid.Parse(contact);
        var newest = 0;
        foreach (var version in plan.Order)
        {
            var writesBefore = WriteBacks(id);
            var body = WebhookPayloads.ContactChange(contact, RowVersion(version), FearsOf(version), message: version == 1 ? "Create" : "Update");
            await ProcessAsync(body, ct);

            var stored = await _backend.Services.GetRequiredService<PeopleStore>().IndexOfAsync(contact, ct);
            if (version > newest)
            {
                newest = version;
                Assert.True(WriteBacks(id) <= writesBefore + 1, $"{plan}: version {version} wrote back more than once");
            }
            else
            {
                Assert.True(WriteBacks(id) == writesBefore, $"{plan}: the repeated or older version {version} wrote back to Dataverse");
            }

            Assert.True(stored?.RowVersion == RowVersion(newest), $"{plan}: after version {version} the stored row is {stored?.RowVersion}, not {RowVersion(newest)}");
        }

        var snapshot = await SnapshotAsync(contact, ct);
        var expected = Model.Taxonomy.TraitNormalizer.Default.NormalizeList(TraitDimension.CoreFear, FearsOf(newest)).Keys.Order(StringComparer.Ordinal);
        Assert.True(snapshot is not null, $"{plan}: no snapshot");
        Assert.True(expected.SequenceEqual(snapshot.Traits[TraitDimension.CoreFear]), $"{plan}: the snapshot holds [{string.Join(", ", snapshot.Traits[TraitDimension.CoreFear])}], not version {newest}'s traits");
    }

    private static string RowVersion(int version) => (version * 1000).ToString(CultureInfo.InvariantCulture);

    private static string FearsOf(int version) => Fears[version % Fears.Length] + "; " + Fears[(version + 2) % Fears.Length];

    private int WriteBacks(Guid contact) => Dataverse.Updates.Count(u => u.Set == "contacts" && u.Id == contact);

    private async Task ProcessAsync(string body, CancellationToken ct)
    {
        var accepted = await _backend.Function<DataverseWebhookFunction>().RunAsync(HttpCall.Post(body), ct);
        Assert.IsType<AcceptedResult>(accepted);
        var storage = _backend.Services.GetRequiredService<StorageClients>();
        var message = (await storage.Inbox.ReceiveMessageAsync(cancellationToken: ct)).Value;
        await _backend.Function<InboxProcessorFunction>().RunAsync(message.MessageText, message.DequeueCount, ct);
        await storage.Inbox.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
    }

    private async Task<PersonProfile?> SnapshotAsync(string contact, CancellationToken ct)
    {
        await foreach (var profile in _backend.Services.GetRequiredService<PeopleStore>().ProfilesAsync(ct))
        {
            if (profile.ContactId == contact)
            {
                return profile;
            }
        }

        return null;
    }
}
