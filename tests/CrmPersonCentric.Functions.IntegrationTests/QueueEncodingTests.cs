using System.Text;
using Azure.Storage.Queues;
using CrmPersonCentric.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPersonCentric.Functions.IntegrationTests;

/// <summary>
/// What the webhook enqueues must be what the Functions host's queue trigger decodes. The host decodes message text
/// as host.json's extensions.queues.messageEncoding says (Microsoft Learn: "base64" by default, or "none"); no host runs
/// here, so this pins the raw text on a real queue to that documented setting.
/// </summary>
public sealed class QueueEncodingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task InboxMessages_OnTheQueue_AreEncodedAsHostJsonTellsTheHostToDecode()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var backend = new TestBackend(azurite.Storage);
        var settings = QueueHostSettings.Load(FunctionsBuild.Directory);
        var inbox = backend.Services.GetRequiredService<InboxStore>();
        var storage = backend.Services.GetRequiredService<StorageClients>();
        var body = WebhookPayloads.ContactChange(Guid.NewGuid().ToString("D"), "1", fears: "Angst vor Kündigung; «déjà vu»");

        var delivery = await inbox.EnqueueAsync(body, sizeExceeded: false, ct);
        var raw = new QueueClient(azurite.Storage.ConnectionString, storage.Inbox.Name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var text = (await raw.ReceiveMessageAsync(cancellationToken: ct)).Value.MessageText;

        // Decode the way the host does for the configured encoding, then read it as the trigger's string.
        var decoded = settings.IsBase64 ? Encoding.UTF8.GetString(Convert.FromBase64String(text)) : text;
        var message = Assert.Single(InboxStore.Parse(decoded));
        Assert.Equal(delivery.Id, message.Id);
        Assert.Equal(body, message.Body);
        Assert.Equal(settings.IsBase64, text != decoded);
    }
}
