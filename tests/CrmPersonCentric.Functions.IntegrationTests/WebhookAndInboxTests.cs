using System.Net;
using System.Text;
using System.Text.Json;
using CrmPersonCentric.Functions.Storage;
using CrmPersonCentric.Model;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPersonCentric.Functions.IntegrationTests;

public sealed class WebhookAndInboxTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly TestApp _test = new(azurite.Storage);

    private AppFactory App => _test.App;

    private FakeDataverse Dataverse => _test.Dataverse;

    public void Dispose() => _test.Dispose();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<string> AcceptAndDequeueAsync(string body)
    {
        var response = await App.Client().PostAsync("/api/dataverse-webhook", Json(body), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var storage = App.Services.GetRequiredService<StorageClients>();
        var message = (await storage.Inbox.ReceiveMessageAsync(cancellationToken: TestContext.Current.CancellationToken)).Value;
        await storage.Inbox.DeleteMessageAsync(message.MessageId, message.PopReceipt, TestContext.Current.CancellationToken);
        return message.MessageText;
    }

    private async Task<HttpResponseMessage> InvokeInboxAsync(string queueText, int dequeueCount = 1) =>
        await App.Client(AppFactory.MasterKey).PostAsync("/InboxProcessor", Json(HostInvocations.Queue(queueText, dequeueCount)), TestContext.Current.CancellationToken);

    private async Task<List<PersonProfile>> SnapshotsAsync()
    {
        var profiles = new List<PersonProfile>();
        await foreach (var profile in App.Services.GetRequiredService<SnapshotStore>().ProfilesAsync(TestContext.Current.CancellationToken))
        {
            profiles.Add(profile);
        }

        return profiles;
    }

    [Fact]
    public async Task Webhook_WithoutOrWithAWrongKey_Is401()
    {
        var none = await App.Client(null).PostAsync("/api/dataverse-webhook", Json("{}"), TestContext.Current.CancellationToken);
        var wrong = await App.Client("nope").PostAsync("/api/dataverse-webhook?code=nope", Json("{}"), TestContext.Current.CancellationToken);
        var viaCode = await App.Client(null).PostAsync($"/api/dataverse-webhook?code={AppFactory.FunctionKey}", Json("{}"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, viaCode.StatusCode);
    }

    [Fact]
    public async Task InvocationRoutes_InStandalone_NeedTheMasterKey()
    {
        var body = new StringContent(HostInvocations.Queue("{}", 1), Encoding.UTF8, "application/json");

        var none = await App.Client(null).PostAsync("/InboxProcessor", body, TestContext.Current.CancellationToken);
        var functionKey = await App.Client().PostAsync("/EvaluateDrift", new StringContent("{}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, functionKey.StatusCode);
    }

    [Fact]
    public async Task Webhook_Oversized_Is413()
    {
        var body = new string(' ', 1024 * 1024 + 10);

        var response = await App.Client().PostAsync("/api/dataverse-webhook", Json(body), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Webhook_Malformed_Is400AndTheBodyIsKept()
    {
        var response = await App.Client().PostAsync("/api/dataverse-webhook", Json("{\"MessageName\":\"Update\"}"), TestContext.Current.CancellationToken);
        var problem = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var poison = await App.Client(AppFactory.MasterKey).GetStringAsync("/api/admin/poison", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("PrimaryEntityName is missing", problem, StringComparison.Ordinal);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Unreadable webhook body", poison, StringComparison.Ordinal);
        Assert.DoesNotContain("\"body\"", poison, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Erasure_RemovesUnreadableKeptBodiesThatMentionTheContact()
    {
        var ct = TestContext.Current.CancellationToken;
        var erased = Guid.NewGuid().ToString("D");
        var other = Guid.NewGuid().ToString("D");
        await App.Client().PostAsync("/api/dataverse-webhook", Json($$"""{ "MessageName": "Update", "PrimaryEntityId": "{{erased}}", "InputParameters": "not an array" }"""), ct);
        await App.Client().PostAsync("/api/dataverse-webhook", Json($$"""{ "MessageName": "Update", "PrimaryEntityId": "{{other}}", "InputParameters": "not an array" }"""), ct);
        var poison = App.Services.GetRequiredService<PoisonStore>();
        Assert.Equal(2, (await poison.ListAsync(cancellationToken: ct)).Count);

        await App.Services.GetRequiredService<SnapshotStore>().EraseContactAsync(erased, ct);

        var left = Assert.Single(await poison.ListAsync(cancellationToken: ct));
        Assert.Contains(other, await poison.BodyOfAsync(left.Id, ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_SynchronousRuleValidation_AnswersInline()
    {
        var invalid = await App.Client().PostAsync("/api/dataverse-webhook", Json(WebhookPayloads.DriftRule(2)), TestContext.Current.CancellationToken);
        var valid = await App.Client().PostAsync("/api/dataverse-webhook", Json(WebhookPayloads.DriftRule(0.1)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("rule 'leak' threshold", await invalid.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
    }

    [Fact]
    public async Task Inbox_StoresTheSnapshot_AndAnswersTheHostInItsDocumentedShape()
    {
        // Duplicates and reordering are covered by DeliveryOrderProperties; this pins what the processor stores and answers.
        var contact = Guid.NewGuid().ToString("D");
        var answer = await InvokeInboxAsync(await AcceptAndDequeueAsync(WebhookPayloads.ContactChange(contact, "2000")));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);

        // The answer has the documented shape and names: {"Outputs": {...}, "Logs": [...], "ReturnValue": ...}.
        using (var document = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)))
        {
            Assert.Equal(["Outputs", "Logs", "ReturnValue"], document.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal(JsonValueKind.Object, document.RootElement.GetProperty("Outputs").ValueKind);
            Assert.Equal(JsonValueKind.String, document.RootElement.GetProperty("Logs")[0].ValueKind);
        }

        var snapshot = Assert.Single(await SnapshotsAsync(), p => p.ContactId == contact);
        Assert.Equal(["burnout", "missing-quota"], snapshot.Traits[TraitDimension.CoreFear]);
        Assert.True(snapshot.HasDeepPersonalDesire);
        Assert.Single(Dataverse.Updates, u => u.Set == "contacts" && u.Id == Guid.Parse(contact));
    }

    [Fact]
    public async Task Inbox_Delete_ErasesEverything_AndALateUpdateDoesNotResurrect()
    {
        var contact = Guid.NewGuid().ToString("D");
        var update = await AcceptAndDequeueAsync(WebhookPayloads.ContactChange(contact, "3000"));
        await InvokeInboxAsync(update);
        await App.Services.GetRequiredService<SnapshotStore>().RecordSignalAsync(new BehaviourSignal("s-1", contact, BehaviourType.Referral, DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);

        await InvokeInboxAsync(await AcceptAndDequeueAsync(WebhookPayloads.Delete(contact)));
        await InvokeInboxAsync(update);

        Assert.DoesNotContain(await SnapshotsAsync(), p => p.ContactId == contact);
        var signals = new List<BehaviourSignal>();
        await foreach (var s in App.Services.GetRequiredService<SnapshotStore>().SignalsSinceAsync(DateTimeOffset.UtcNow.AddDays(-1), TestContext.Current.CancellationToken))
        {
            signals.Add(s);
        }

        Assert.DoesNotContain(signals, s => s.ContactId == contact);
    }

    [Fact]
    public async Task Inbox_TransientFailure_IsRetried_ThenPoisonedWithTheReason_AndReplayable()
    {
        var contact = Guid.NewGuid().ToString("D");
        Dataverse.RetrieveFault = (set, _) => set == "cpc_personas" ? new Dataverse.WebApi.DataverseException(HttpStatusCode.ServiceUnavailable, null, "Unavailable", "req-1") : null;
        var text = await AcceptAndDequeueAsync(WebhookPayloads.ContactChange(contact, "10"));

        var first = await InvokeInboxAsync(text, dequeueCount: 1);
        var last = await InvokeInboxAsync(text, dequeueCount: 5);
        var admin = App.Client(AppFactory.MasterKey);
        var poison = await admin.GetStringAsync("/api/admin/poison", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        Assert.Contains("Failed 5 times", poison, StringComparison.Ordinal);
        Assert.Contains("DataverseException", poison, StringComparison.Ordinal);

        Dataverse.RetrieveFault = null;
        var replay = await admin.PostAsync("/api/admin/poison/replay", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var storage = App.Services.GetRequiredService<StorageClients>();
        var again = (await storage.Inbox.ReceiveMessageAsync(cancellationToken: TestContext.Current.CancellationToken)).Value;
        Assert.Equal(HttpStatusCode.OK, (await InvokeInboxAsync(again.MessageText)).StatusCode);
        Assert.Contains(await SnapshotsAsync(), p => p.ContactId == contact);
        Assert.DoesNotContain("Failed 5 times", await admin.GetStringAsync("/api/admin/poison", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(36)]
    [InlineData(60)]
    [InlineData(300)]
    public async Task Inbox_BodiesAroundTheQueueLimit_AreAcceptedAndProcessed(int kilobytes)
    {
        var contact = Guid.NewGuid().ToString("D");
        // Quotes and non-ASCII text grow when JSON-escaped: the envelope, not the raw body, must fit the queue message.
        var raw = new StringBuilder();
        while (Encoding.UTF8.GetByteCount(raw.ToString()) < kilobytes * 1024)
        {
            raw.Append("\"Café\" déjà vu, l'été <b>&</b> ");
        }

        var template = WebhookPayloads.ContactChange(contact, "7");
        var at = template.IndexOf("\"Attributes\": [", StringComparison.Ordinal) + "\"Attributes\": [".Length;
        var body = template.Insert(at, $" {{ \"key\": \"description\", \"value\": {JsonSerializer.Serialize(raw.ToString())} }},");
        Assert.True(Encoding.UTF8.GetByteCount(body) > kilobytes * 1024);

        var text = await AcceptAndDequeueAsync(body);
        var result = await InvokeInboxAsync(text);

        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Contains(await SnapshotsAsync(), p => p.ContactId == contact);
    }

    [Fact]
    public async Task Signals_OfAnErasedContact_AreNotStoredAgain()
    {
        var contact = Guid.NewGuid().ToString("D");
        var store = App.Services.GetRequiredService<SnapshotStore>();
        await store.EraseContactAsync(contact, TestContext.Current.CancellationToken);

        await store.RecordSignalAsync(new BehaviourSignal("late-1", contact, BehaviourType.Referral, DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);
        var dropped = await store.RecordSignalsAsync([new BehaviourSignal("late-2", contact, BehaviourType.Advocacy, DateTimeOffset.UtcNow)], TestContext.Current.CancellationToken);

        Assert.Equal(1, dropped);
        await foreach (var s in store.SignalsSinceAsync(DateTimeOffset.UtcNow.AddDays(-1), TestContext.Current.CancellationToken))
        {
            Assert.NotEqual(contact, s.ContactId);
        }
    }

    [Fact]
    public async Task Logs_NeverHoldTraitValuesOrDesires()
    {
        var text = await AcceptAndDequeueAsync(WebhookPayloads.ContactChange(Guid.NewGuid().ToString("D"), "5", fears: "Fear of losing the Henderson account"));
        await InvokeInboxAsync(text);
        await App.Client().PostAsync("/api/dataverse-webhook", Json("{ not json"), TestContext.Current.CancellationToken);

        Assert.NotEmpty(App.Logs);
        Assert.DoesNotContain(App.Logs, l => l.Contains("Henderson", StringComparison.OrdinalIgnoreCase) || l.Contains("dinner", StringComparison.OrdinalIgnoreCase) || l.Contains(AppFactory.FunctionKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Health_IsHealthy()
    {
        var response = await App.Client(null).GetAsync("/api/health", TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("standalone", body.RootElement.GetProperty("mode").GetString());
    }
}
