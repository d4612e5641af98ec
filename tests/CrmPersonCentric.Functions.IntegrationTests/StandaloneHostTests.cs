using System.Net;
using System.Text;
using System.Text.Json;
using CrmPersonCentric.Application.Ports;
using CrmPersonCentric.Functions.Standalone;
using CrmPersonCentric.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Functions.IntegrationTests;

/// <summary>
/// The standalone host end to end over real HTTP and real Azurite: functions served from functions.metadata with the
/// host's key checks, the inbox polled with host.json's dequeue-count and poison semantics, start-up validation.
/// </summary>
public sealed class StandaloneHostTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"{what} did not happen within 30 s.");
    }

    [Fact]
    public async Task Webhook_IsProcessedByThePoller_AndWrittenBack()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await StandaloneApp.StartAsync(azurite.Storage);
        app.Dataverse.Add("cpc_personas", DataverseRows.Persona(), Guid.Parse(WebhookPayloads.PersonaId));
        var contact = Guid.NewGuid().ToString("D");

        var accepted = await app.Client().PostAsync("/api/dataverse-webhook", Json(WebhookPayloads.ContactChange(contact, "11")), ct);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var people = app.Services.GetRequiredService<PeopleStore>();
        await EventuallyAsync(async () => await people.IndexOfAsync(contact, ct) is { RowVersion: "11" } ? "stored" : null, "the snapshot");
        await EventuallyAsync(() => Task.FromResult(app.Dataverse.Updates.Any(u => u.Set == "contacts" && u.Id == Guid.Parse(contact)) ? "written" : null), "the write-back");
    }

    [Fact]
    public async Task Keys_AreCheckedAsTheHostChecksThem()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await StandaloneApp.StartAsync(azurite.Storage, new Dictionary<string, string?> { [StandaloneHost.BackgroundSetting] = "false" });

        var none = await app.Client(null).PostAsync("/api/dataverse-webhook", Json("{}"), ct);
        var wrong = await app.Client("wrong").PostAsync("/api/dataverse-webhook", Json("{}"), ct);
        var viaCode = await app.Client(null).PostAsync($"/api/dataverse-webhook?code={StandaloneApp.FunctionKey}", Json("{}"), ct);
        var adminWithFunctionKey = await app.Client().PostAsync("/api/admin/evaluate", null, ct);
        var adminList = await app.Client(StandaloneApp.MasterKey).GetAsync("/api/admin/poison", ct);
        var health = await app.Client(null).GetAsync("/api/health", ct);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, viaCode.StatusCode); // authorised; the body is not a webhook payload
        Assert.Equal(HttpStatusCode.Unauthorized, adminWithFunctionKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, adminList.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.DoesNotContain(app.Logs, l => l.Contains(StandaloneApp.FunctionKey, StringComparison.Ordinal) || l.Contains(StandaloneApp.MasterKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task HostPoisonQueue_IsDrainedIntoThePoisonStore()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await StandaloneApp.StartAsync(azurite.Storage);
        var storage = app.Services.GetRequiredService<StorageClients>();
        await storage.EnsureCreatedAsync(ct);

        await storage.InboxPoison.SendMessageAsync("{\"deliveries\":[]}", ct);

        var kept = await EventuallyAsync(async () =>
        {
            var items = await app.Services.GetRequiredService<PoisonStore>().ListAsync(cancellationToken: ct);
            return items.FirstOrDefault(i => i.Source == PoisonSources.Envelope);
        }, "the drain of the host's poison queue");

        Assert.Contains("poison queue", kept.Reason, StringComparison.Ordinal);
        await EventuallyAsync(async () => (await storage.InboxPoison.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount == 0 ? "empty" : null, "the poison queue to empty");
    }

    [Fact]
    public async Task TransientFailures_AreRetriedByThePoller_UntilTheProcessorKeepsTheDelivery()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await StandaloneApp.StartAsync(azurite.Storage, new Dictionary<string, string?> { [QueueHostSettings.OverrideSection + ":visibilityTimeout"] = "00:00:00" });
        app.Dataverse.RetrieveFault = (set, _) => set == "cpc_personas" ? new Dataverse.WebApi.DataverseException(HttpStatusCode.ServiceUnavailable, null, "Unavailable", "req-1") : null;
        var contact = Guid.NewGuid().ToString("D");

        await app.Client().PostAsync("/api/dataverse-webhook", Json(WebhookPayloads.ContactChange(contact, "4")), ct);

        // Deliveries 1-4 fail and the message comes back; at the 5th (host.json's maxDequeueCount) the processor keeps
        // the delivery in the poison store with the reason and the message is done.
        var kept = await EventuallyAsync(async () =>
            (await app.Services.GetRequiredService<PoisonStore>().ListAsync(cancellationToken: ct)).FirstOrDefault(i => i.Source == PoisonSources.Inbox), "the poisoned delivery");
        Assert.Contains("Failed 5 times", kept.Reason, StringComparison.Ordinal);
        Assert.Equal(4, app.Logs.Count(l => l.Contains("InboxProcessor failed", StringComparison.Ordinal)));
        await EventuallyAsync(async () => (await app.Services.GetRequiredService<StorageClients>().Inbox.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount == 0 ? "empty" : null, "the inbox to empty");
    }

    [Fact]
    public async Task Startup_MissingSettings_FailNamingThem()
    {
        var dataverse = await Assert.ThrowsAnyAsync<OptionsValidationException>(() =>
            StandaloneApp.StartAsync(azurite.Storage, new Dictionary<string, string?> { ["Dataverse:EnvironmentUrl"] = string.Empty }));
        var storage = await Assert.ThrowsAnyAsync<OptionsValidationException>(() =>
            StandaloneApp.StartAsync(azurite.Storage, new Dictionary<string, string?> { [FunctionSettings.Storage] = string.Empty }));

        Assert.Contains("EnvironmentUrl", dataverse.Message, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage", storage.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_WhenStorageStops_Answers503WithRetryAfter()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var storage = await Azurite.StartNewAsync();
        await using var app = await StandaloneApp.StartAsync(storage, new Dictionary<string, string?> { [StandaloneHost.BackgroundSetting] = "false" });
        var body = WebhookPayloads.ContactChange(Guid.NewGuid().ToString("D"), "1");
        var before = await app.Client().PostAsync("/api/dataverse-webhook", Json(body), ct);

        await storage.StopAsync();
        var during = await app.Client().PostAsync("/api/dataverse-webhook", Json(body), ct);
        var health = await app.Client(null).GetAsync("/api/health", ct);
        using var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync(ct));

        Assert.Equal(HttpStatusCode.Accepted, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal("5", during.Headers.GetValues("Retry-After").Single());
        Assert.Contains("nothing was kept", await during.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("unhealthy", report.RootElement.GetProperty("status").GetString());
    }
}
