using System.Globalization;
using System.Net;
using System.Text;
using CrmPersonCentric.Functions.Storage;
using CrmPersonCentric.Model;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPersonCentric.Functions.IntegrationTests;

/// <summary>
/// The promise "a duplicate or reordered webhook delivery changes nothing twice", checked over generated delivery
/// sequences on real Azurite: each version of a contact is delivered at least once, some several times, in any order,
/// through the webhook, the inbox queue and the processor. Only a delivery newer than every earlier one may change the
/// stored snapshot or write back to Dataverse; at the end the snapshot is the newest version's.
/// </summary>
public sealed class DeliveryOrderProperties(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private static readonly string[] Fears = ["Fear of missing quota", "burnout", "Budget cuts", "losing my job", "being replaced by AI"];

    private readonly TestApp _test = new(azurite.Storage);

    private AppFactory App => _test.App;

    private FakeDataverse Dataverse => _test.Dataverse;

    public void Dispose() => _test.Dispose();

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
        _ = App.Services; // start the app on this thread, before FsCheck's runner takes over
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

            var stored = await App.Services.GetRequiredService<SnapshotStore>().IndexOfAsync(contact, ct);
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
        var accepted = await App.Client().PostAsync("/api/dataverse-webhook", new StringContent(body, Encoding.UTF8, "application/json"), ct);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var storage = App.Services.GetRequiredService<StorageClients>();
        var message = (await storage.Inbox.ReceiveMessageAsync(cancellationToken: ct)).Value;
        var processed = await App.Client(AppFactory.MasterKey).PostAsync(
            "/InboxProcessor", new StringContent(HostInvocations.Queue(message.MessageText, 1), Encoding.UTF8, "application/json"), ct);
        Assert.Equal(HttpStatusCode.OK, processed.StatusCode);
        await storage.Inbox.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
    }

    private async Task<PersonProfile?> SnapshotAsync(string contact, CancellationToken ct)
    {
        await foreach (var profile in App.Services.GetRequiredService<SnapshotStore>().ProfilesAsync(ct))
        {
            if (profile.ContactId == contact)
            {
                return profile;
            }
        }

        return null;
    }
}
