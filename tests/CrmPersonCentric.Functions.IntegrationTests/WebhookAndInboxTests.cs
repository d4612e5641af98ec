using System.Net;
using System.Text;
using System.Text.Json;
using CrmPersonCentric.Application.Contacts;
using CrmPersonCentric.Application.Poison;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Functions.Triggers;
using CrmPersonCentric.Model;
using CrmPersonCentric.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPersonCentric.Functions.IntegrationTests;

/// <summary>The webhook and inbox functions called directly (as the worker calls them) over real Azurite.</summary>
public sealed class WebhookAndInboxTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private TestBackend _backend = null!;

    public ValueTask InitializeAsync()
    {
        _backend = new TestBackend(azurite.Storage);
        _backend.Dataverse.Add("cpc_personas", DataverseRows.Persona(), Guid.Parse(WebhookPayloads.PersonaId));
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _backend.DisposeAsync();

    private StorageClients Storage => _backend.Services.GetRequiredService<StorageClients>();

    private async Task<HttpAnswer> PostWebhookAsync(string body, IDictionary<string, string>? headers = null)
    {
        var request = HttpCall.Request("POST", body, headers: headers);
        var result = await _backend.Function<DataverseWebhookFunction>().RunAsync(request, TestContext.Current.CancellationToken);
        return await HttpCall.AnswerAsync(request, result);
    }

    private async Task<string> AcceptAndDequeueAsync(string body)
    {
        var answer = await PostWebhookAsync(body);
        Assert.Equal(202, answer.Status);
        var message = (await Storage.Inbox.ReceiveMessageAsync(cancellationToken: TestContext.Current.CancellationToken)).Value;
        await Storage.Inbox.DeleteMessageAsync(message.MessageId, message.PopReceipt, TestContext.Current.CancellationToken);
        return message.MessageText;
    }

    private Task ProcessAsync(string queueText, long dequeueCount = 1) =>
        _backend.Function<InboxProcessorFunction>().RunAsync(queueText, dequeueCount, TestContext.Current.CancellationToken);

    private async Task<List<PersonProfile>> SnapshotsAsync()
    {
        var profiles = new List<PersonProfile>();
        await foreach (var profile in _backend.Services.GetRequiredService<PeopleStore>().ProfilesAsync(TestContext.Current.CancellationToken))
        {
            profiles.Add(profile);
        }

        return profiles;
    }

    [Fact]
    public async Task Webhook_Accepted_IsOnTheInboxQueueWithItsId()
    {
        var answer = await PostWebhookAsync(WebhookPayloads.ContactChange(Guid.NewGuid().ToString("D"), "1"));
        using var body = JsonDocument.Parse(answer.Body);

        Assert.Equal(202, answer.Status);
        var id = body.RootElement.GetProperty("id").GetString();
        var message = (await Storage.Inbox.ReceiveMessageAsync(cancellationToken: TestContext.Current.CancellationToken)).Value;
        Assert.Equal(id, Assert.Single(InboxStore.Parse(message.MessageText)).Id);
    }

    [Fact]
    public async Task Webhook_Oversized_Is413()
    {
        var answer = await PostWebhookAsync(new string(' ', 1024 * 1024 + 10));

        Assert.Equal(413, answer.Status);
        Assert.StartsWith("application/problem+json", answer.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_Malformed_Is400AndTheBodyIsKept()
    {
        var answer = await PostWebhookAsync("{\"MessageName\":\"Update\"}");
        var poison = await _backend.Function<PoisonListFunction>().RunAsync(HttpCall.Request("GET"), TestContext.Current.CancellationToken);
        var listed = JsonSerializer.Serialize(((Microsoft.AspNetCore.Mvc.ObjectResult)poison).Value);

        Assert.Equal(400, answer.Status);
        Assert.Contains("PrimaryEntityName is missing", answer.Body, StringComparison.Ordinal);
        Assert.StartsWith("application/problem+json", answer.ContentType, StringComparison.Ordinal);
        Assert.Contains("Unreadable webhook body", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("\"body\"", listed, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Webhook_SynchronousRuleValidation_AnswersInline()
    {
        var invalid = await PostWebhookAsync(WebhookPayloads.DriftRule(2));
        var valid = await PostWebhookAsync(WebhookPayloads.DriftRule(0.1));

        Assert.Equal(400, invalid.Status);
        Assert.Contains("rule 'leak' threshold", invalid.Body, StringComparison.Ordinal);
        Assert.Equal(200, valid.Status);
    }

    [Fact]
    public async Task Inbox_StoresTheSnapshotAndWritesBack()
    {
        var contact = Guid.NewGuid().ToString("D");

        await ProcessAsync(await AcceptAndDequeueAsync(WebhookPayloads.ContactChange(contact, "2000")));

        var snapshot = Assert.Single(await SnapshotsAsync(), p => p.ContactId == contact);
        Assert.Equal(["burnout", "missing-quota"], snapshot.Traits[TraitDimension.CoreFear]);
        Assert.True(snapshot.HasDeepPersonalDesire);
        var written = Assert.Single(_backend.Dataverse.Updates, u => u.Set == "contacts" && u.Id == Guid.Parse(contact));
        Assert.True(written.Changes.ContainsKey("cpc_insightsummary"));
    }

    [Fact]
    public async Task Inbox_Delete_ErasesEverything_AndALateUpdateDoesNotResurrect()
    {
        var contact = Guid.NewGuid().ToString("D");
        var update = await AcceptAndDequeueAsync(WebhookPayloads.ContactChange(contact, "3000"));
        await ProcessAsync(update);
        await _backend.Services.GetRequiredService<SignalStore>().RecordSignalAsync(new BehaviourSignal("s-1", contact, BehaviourType.Referral, DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);

        await ProcessAsync(await AcceptAndDequeueAsync(WebhookPayloads.Delete(contact)));
        await ProcessAsync(update);

        Assert.DoesNotContain(await SnapshotsAsync(), p => p.ContactId == contact);
        await foreach (var s in _backend.Services.GetRequiredService<SignalStore>().SignalsSinceAsync(DateTimeOffset.UtcNow.AddDays(-1), TestContext.Current.CancellationToken))
        {
            Assert.NotEqual(contact, s.ContactId);
        }
    }

    [Fact]
    public async Task Inbox_TransientFailure_IsRetried_ThenPoisonedWithTheReason_AndReplayable()
    {
        var contact = Guid.NewGuid().ToString("D");
        _backend.Dataverse.RetrieveFault = (set, _) => set == "cpc_personas" ? new Dataverse.WebApi.DataverseException(HttpStatusCode.ServiceUnavailable, null, "Unavailable", "req-1") : null;
        var text = await AcceptAndDequeueAsync(WebhookPayloads.ContactChange(contact, "10"));

        // Before the last delivery the function throws (the host delivers the message again); at host.json's
        // maxDequeueCount it keeps the delivery in the poison store with the reason and completes.
        await Assert.ThrowsAsync<Dataverse.WebApi.DataverseException>(() => ProcessAsync(text, dequeueCount: 1));
        await ProcessAsync(text, dequeueCount: 5);
        var poison = await _backend.Services.GetRequiredService<ReplayPoison>().ListAsync(TestContext.Current.CancellationToken);
        var item = Assert.Single(poison);
        Assert.Contains("Failed 5 times", item.Reason, StringComparison.Ordinal);
        Assert.Contains("DataverseException (HTTP 503)", item.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Unavailable", item.Reason, StringComparison.Ordinal); // the service's message is not kept

        _backend.Dataverse.RetrieveFault = null;
        var replay = await _backend.Function<PoisonReplayFunction>().RunAsync(HttpCall.Request("POST", query: "?id=" + item.Id), TestContext.Current.CancellationToken);
        Assert.IsType<Microsoft.AspNetCore.Mvc.OkObjectResult>(replay);
        var again = (await Storage.Inbox.ReceiveMessageAsync(cancellationToken: TestContext.Current.CancellationToken)).Value;
        await ProcessAsync(again.MessageText);
        Assert.Contains(await SnapshotsAsync(), p => p.ContactId == contact);
        Assert.Empty(await _backend.Services.GetRequiredService<ReplayPoison>().ListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task PoisonReplay_UnknownId_Is404()
    {
        var request = HttpCall.Request("POST", query: "?id=nope");
        var answer = await HttpCall.AnswerAsync(request, await _backend.Function<PoisonReplayFunction>().RunAsync(request, TestContext.Current.CancellationToken));

        Assert.Equal(404, answer.Status);
        Assert.Contains("nope", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostPoisonedMessage_IsDrainedIntoThePoisonStore_AndErasureReachesIt()
    {
        var contact = Guid.NewGuid().ToString("D");
        var text = InboxStore.Serialize(new InboxMessage("host-poisoned", DateTimeOffset.UtcNow, false, WebhookPayloads.ContactChange(contact, "3"), null));

        await _backend.Function<InboxPoisonDrainFunction>().RunAsync(text, TestContext.Current.CancellationToken);
        var item = Assert.Single(await _backend.Services.GetRequiredService<ReplayPoison>().ListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(PoisonSources.Envelope, item.Source);

        await _backend.Services.GetRequiredService<EraseContact>().EraseAsync(contact, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(await _backend.Services.GetRequiredService<ReplayPoison>().ListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Erasure_RemovesUnreadableKeptBodiesThatMentionTheContact()
    {
        var ct = TestContext.Current.CancellationToken;
        var erased = Guid.NewGuid().ToString("D");
        var other = Guid.NewGuid().ToString("D");
        await PostWebhookAsync($$"""{ "MessageName": "Update", "PrimaryEntityId": "{{erased}}", "InputParameters": "not an array" }""");
        await PostWebhookAsync($$"""{ "MessageName": "Update", "PrimaryEntityId": "{{other}}", "InputParameters": "not an array" }""");
        var poison = _backend.Services.GetRequiredService<PoisonStore>();
        Assert.Equal(2, (await poison.ListAsync(cancellationToken: ct)).Count);

        await _backend.Services.GetRequiredService<EraseContact>().EraseAsync(erased, cancellationToken: ct);

        var left = Assert.Single(await poison.ListAsync(cancellationToken: ct));
        Assert.Contains(other, await poison.BodyOfAsync(left.Id, ct), StringComparison.Ordinal);
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

        await ProcessAsync(await AcceptAndDequeueAsync(body));

        Assert.Contains(await SnapshotsAsync(), p => p.ContactId == contact);
    }

    [Fact]
    public async Task Inbox_BodiesAtTheInlineLimit_AreAllSent()
    {
        // Around the largest body kept inline, byte by byte: a delivery that fits alone must go out alone, never wait forever.
        var inbox = _backend.Services.GetRequiredService<InboxStore>();
        var template = WebhookPayloads.ContactChange(Guid.NewGuid().ToString("D"), "1");
        var probe = InboxStore.Serialize(new InboxMessage(Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow, false, template, null)).Length;
        var fill = InboxStore.MaxInlineMessageBytes - "{\"deliveries\":[".Length - 2 - probe;
        for (var extra = fill - 40; extra <= fill + 10; extra++)
        {
            var body = template.Replace("\"Depth\": 1", "\"Pad\": \"" + new string('x', extra) + "\", \"Depth\": 1", StringComparison.Ordinal);
            // Off the test's thread: a delivery that can never be taken would spin its caller.
            await Task.Run(() => inbox.EnqueueAsync(body, sizeExceeded: false, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task PoisonReplay_OfAnItemWhoseBodyIsGone_ReportsItMissing()
    {
        var poison = _backend.Services.GetRequiredService<PoisonStore>();
        var item = await poison.KeepAsync("{}", PoisonSources.Webhook, "test", false, cancellationToken: TestContext.Current.CancellationToken);
        await _backend.Services.GetRequiredService<StorageClients>().Container(StorageClients.PoisonContainer).GetBlobClient(item.Id + ".json").DeleteAsync(cancellationToken: TestContext.Current.CancellationToken);

        var replay = (ReplayResult)((Microsoft.AspNetCore.Mvc.ObjectResult)await _backend.Function<PoisonReplayFunction>().RunAsync(HttpCall.Request("POST"), TestContext.Current.CancellationToken)).Value!;

        Assert.Empty(replay.Replayed);
        Assert.Equal([item.Id], replay.Missing);
        Assert.Empty(await poison.ListAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Signals_OfAnErasedContact_AreNotStoredAgain()
    {
        var contact = Guid.NewGuid().ToString("D");
        var signals = _backend.Services.GetRequiredService<SignalStore>();
        await _backend.Services.GetRequiredService<EraseContact>().EraseAsync(contact, cancellationToken: TestContext.Current.CancellationToken);

        await signals.RecordSignalAsync(new BehaviourSignal("late-1", contact, BehaviourType.Referral, DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);
        var dropped = await signals.RecordSignalsAsync([new BehaviourSignal("late-2", contact, BehaviourType.Advocacy, DateTimeOffset.UtcNow)], TestContext.Current.CancellationToken);

        Assert.Equal(1, dropped);
        await foreach (var s in signals.SignalsSinceAsync(DateTimeOffset.UtcNow.AddDays(-1), TestContext.Current.CancellationToken))
        {
            Assert.NotEqual(contact, s.ContactId);
        }
    }

    [Fact]
    public async Task Logs_NeverHoldTraitValuesOrDesires()
    {
        await ProcessAsync(await AcceptAndDequeueAsync(WebhookPayloads.ContactChange(Guid.NewGuid().ToString("D"), "5", fears: "Fear of losing the Henderson account")));
        await PostWebhookAsync("{ not json");

        Assert.NotEmpty(_backend.Logs);
        Assert.DoesNotContain(_backend.Logs, l => l.Contains("Henderson", StringComparison.OrdinalIgnoreCase) || l.Contains("dinner", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Health_IsHealthy_AnonymouslySayingNothingElse()
    {
        var request = HttpCall.Request("GET");
        var answer = await HttpCall.AnswerAsync(request, await _backend.Function<HealthFunction>().RunAsync(request, TestContext.Current.CancellationToken));
        var adminRequest = HttpCall.Request("GET");
        var details = await HttpCall.AnswerAsync(adminRequest, await _backend.Function<HealthDetailsFunction>().RunAsync(adminRequest, TestContext.Current.CancellationToken));
        using var body = JsonDocument.Parse(answer.Body);
        using var report = JsonDocument.Parse(details.Body);

        Assert.Equal(200, answer.Status);
        Assert.Equal("""{"status":"healthy"}""", answer.Body);
        Assert.Equal(200, details.Status);
        Assert.Equal("standalone", report.RootElement.GetProperty("host").GetString());
        Assert.Equal("healthy", report.RootElement.GetProperty("storage").GetString());
        Assert.Equal("contoso.crm.dynamics.com", report.RootElement.GetProperty("dataverse").GetString());
        Assert.False(report.RootElement.TryGetProperty("isHealthy", out _));
    }
}
