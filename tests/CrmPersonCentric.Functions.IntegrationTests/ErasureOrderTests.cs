using System.Text.Json.Nodes;
using CrmPersonCentric.Application.Contacts;
using CrmPersonCentric.Functions.Triggers;
using CrmPersonCentric.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPersonCentric.Functions.IntegrationTests;

/// <summary>
/// Erasure stays erased whatever clocks say: a late delivery of a deleted contact, even one whose times lie after the
/// erasure (Dataverse's clock ahead of ours), stores nothing and writes nothing back; only a contact the system of record
/// still has (restored under its old id) comes back. Kept bodies are found in every GUID form.
/// </summary>
public sealed class ErasureOrderTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private TestBackend _backend = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _backend = new TestBackend(azurite.Storage);
        _backend.Dataverse.Add("cpc_personas", DataverseRows.Persona(), Guid.Parse(WebhookPayloads.PersonaId));
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _backend.DisposeAsync();

    private PeopleStore People => _backend.Services.GetRequiredService<PeopleStore>();

    private async Task<HttpAnswer> PostAsync(string body)
    {
        var request = HttpCall.Request("POST", body);
        return await HttpCall.AnswerAsync(request, await _backend.Function<DataverseWebhookFunction>().RunAsync(request, Ct));
    }

    private async Task DeliverAsync(string body)
    {
        if (body.Contains("\"MessageName\": \"Delete\"", StringComparison.Ordinal))
        {
            // Dataverse deletes the row before the asynchronous step's delivery.
            _backend.Dataverse.Set("contacts").TryRemove(System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("PrimaryEntityId").GetGuid(), out _);
        }

        Assert.Equal(202, (await PostAsync(body)).Status);
        var storage = _backend.Services.GetRequiredService<StorageClients>();
        var message = (await storage.Inbox.ReceiveMessageAsync(cancellationToken: Ct)).Value;
        await storage.Inbox.DeleteMessageAsync(message.MessageId, message.PopReceipt, Ct);
        await _backend.Function<InboxProcessorFunction>().RunAsync(message.MessageText, 1, Ct);
    }

    private static string UpdateAt(string contact, string rowVersion, DateTimeOffset at) =>
        WebhookPayloads.ContactChangeBuilder(contact, rowVersion)
            .OperationCreatedOn(at)
            .Target($$"""{ "key": "cpc_corefears", "value": "burnout" }, { "key": "modifiedon", "value": "/Date({{at.ToUnixTimeMilliseconds()}})/" }""")
            .Build();

    [Fact]
    public async Task DeliveryTimedAfterTheErasure_OfADeletedContact_StoresAndWritesNothing()
    {
        var contact = Guid.NewGuid().ToString("D");
        await DeliverAsync(WebhookPayloads.ContactChange(contact, "3"));
        await DeliverAsync(WebhookPayloads.Delete(contact));
        var writesBefore = _backend.Dataverse.Updates.Count;

        // Dataverse's clock 10 minutes ahead of ours, and a newer row version than the erasure knew.
        await DeliverAsync(UpdateAt(contact, "4", DateTimeOffset.UtcNow.AddMinutes(10)));

        Assert.True(await People.IsErasedAsync(contact, Ct));
        Assert.Equal(writesBefore, _backend.Dataverse.Updates.Count);
        Assert.Empty(await _backend.Services.GetRequiredService<PoisonStore>().ListAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task ContactRestoredInDataverse_ComesBackWithItsNextChange()
    {
        var contact = Guid.Parse(Guid.NewGuid().ToString("D"));
        await DeliverAsync(WebhookPayloads.ContactChange(contact.ToString("D"), "3"));
        await DeliverAsync(WebhookPayloads.Delete(contact.ToString("D")));

        // Restored from the recycle bin under the same id: the Web API has the row again.
        _backend.Dataverse.Add("contacts", JsonNode.Parse($$"""{ "@odata.etag": "W/\"9\"", "cpc_corefears": "burnout", "_cpc_personaid_value": "{{WebhookPayloads.PersonaId}}" }""")!.AsObject(), contact);
        await DeliverAsync(UpdateAt(contact.ToString("D"), "9", DateTimeOffset.UtcNow.AddMinutes(-30)));

        Assert.False(await People.IsErasedAsync(contact.ToString("D"), Ct));
        Assert.Equal("W/\"9\"", (await People.IndexOfAsync(contact.ToString("D"), Ct))!.Value.RowVersion);
    }

    [Fact]
    public async Task DeliveryNotNewerThanTheDelete_IsOlder_WithoutAskingDataverse()
    {
        var contact = Guid.NewGuid().ToString("D");
        await DeliverAsync(WebhookPayloads.ContactChange(contact, "5"));
        await DeliverAsync(WebhookPayloads.Delete(contact));
        _backend.Dataverse.RetrieveFault = (set, id) => set == "contacts" ? new InvalidOperationException("the contact must not be read back") : null;

        await DeliverAsync(UpdateAt(contact, "5", DateTimeOffset.UtcNow.AddMinutes(10)));

        Assert.True(await People.IsErasedAsync(contact, Ct));
        Assert.Empty(await _backend.Services.GetRequiredService<PoisonStore>().ListAsync(cancellationToken: Ct));
    }

    [Theory]
    [InlineData("N")]
    [InlineData("B")]
    [InlineData("P")]
    [InlineData("upper")]
    public async Task KeptBodies_MentioningTheContactInAnyGuidForm_AreErased(string form)
    {
        var erased = Guid.NewGuid();
        var other = Guid.NewGuid();
        var written = form == "upper" ? erased.ToString("D").ToUpperInvariant() : erased.ToString(form);
        await PostAsync($$"""{ "MessageName": "Update", "PrimaryEntityId": "{{written}}", "InputParameters": "not an array" }""");
        await PostAsync($$"""{ "MessageName": "Update", "note": "{{other:N}}{{erased.ToString("N")[..8]}}", "InputParameters": "not an array" }""");
        var poison = _backend.Services.GetRequiredService<PoisonStore>();
        Assert.Equal(2, (await poison.ListAsync(cancellationToken: Ct)).Count);

        await _backend.Services.GetRequiredService<EraseContact>().EraseAsync(erased.ToString("D"), cancellationToken: Ct);

        var left = Assert.Single(await poison.ListAsync(cancellationToken: Ct));
        Assert.Contains(other.ToString("N"), await poison.BodyOfAsync(left.Id, Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SynchronousEventNoStepHandles_SaysItWasSkipped()
    {
        var answer = await PostAsync(WebhookPayloads.Event("Update", "account", 10, 0, """{ "key": "name", "value": "x" }"""));

        Assert.Equal(200, answer.Status);
        Assert.Contains("\"outcome\":\"Skipped\"", answer.Body, StringComparison.Ordinal);
        Assert.Contains("No step is registered for Update of account", answer.Body, StringComparison.Ordinal);
        Assert.Contains("goes on unchanged", answer.Body, StringComparison.Ordinal);
    }
}
