using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CrmPersonCentric.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPersonCentric.Functions.IntegrationTests;

/// <summary>
/// Storage that disappears under a running host (a re-provisioned account, a deleted queue or table, an emulator
/// restart): the next deliveries are stored (the missing resource recreated) or answered 503, never 500; the poller
/// goes on; health says unhealthy while a resource is missing, anonymously with nothing but that word.
/// </summary>
public sealed class StorageRecoveryTests : IAsyncLifetime
{
    private Azurite _storage = null!;
    private StandaloneApp _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // Its own Azurite: the containers are shared by every app of an account, and this test deletes them.
        _storage = await Azurite.StartNewAsync();
        _app = await StandaloneApp.StartAsync(_storage);
        _app.Dataverse.Add("cpc_personas", DataverseRows.Persona(), Guid.Parse(WebhookPayloads.PersonaId));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _storage.DisposeAsync();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private string Table(string name) => _app.Prefix + name;

    private async Task<string> StoredVersionAsync(string contact)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await _app.Services.GetRequiredService<PeopleStore>().IndexOfAsync(contact, Ct) is { RowVersion: { } version })
            {
                return version;
            }

            await Task.Delay(100, Ct);
        }

        throw new TimeoutException($"contact {contact} was not stored within 30 s.");
    }

    [Fact]
    public async Task QueueAndTableDeletedUnderTheHost_NextDeliveriesAreStoredAndProcessed()
    {
        var first = Guid.NewGuid().ToString("D");
        Assert.Equal(HttpStatusCode.Accepted, (await _app.Client().PostAsync("/api/dataverse-webhook", Json(WebhookPayloads.ContactChange(first, "1")), Ct)).StatusCode);
        Assert.Equal("1", await StoredVersionAsync(first));

        await new QueueClient(_storage.ConnectionString, _app.Prefix + "-inbox").DeleteAsync(Ct);
        await new TableServiceClient(_storage.ConnectionString).DeleteTableAsync(Table(TableNames.People), Ct);

        var answers = new List<HttpStatusCode>();
        var contacts = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid().ToString("D")).ToList();
        foreach (var contact in contacts)
        {
            answers.Add((await _app.Client().PostAsync("/api/dataverse-webhook", Json(WebhookPayloads.ContactChange(contact, "2")), Ct)).StatusCode);
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a));
        foreach (var contact in contacts)
        {
            Assert.Equal("2", await StoredVersionAsync(contact));
        }

        Assert.Contains(_app.Logs, l => l.Contains("was missing and has been recreated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AdminFunctions_AfterTheirTableAndContainerWereDeleted_AnswerAsBefore()
    {
        var storage = _app.Services.GetRequiredService<StorageClients>();
        await storage.EnsureCreatedAsync(Ct);
        await new TableServiceClient(_storage.ConnectionString).DeleteTableAsync(Table(TableNames.Poison), Ct);
        await new BlobContainerClient(_storage.ConnectionString, StorageClients.PoisonContainer).DeleteAsync(cancellationToken: Ct);

        var list = await _app.Client(StandaloneApp.MasterKey).GetAsync("/api/admin/poison", Ct);
        var malformed = await _app.Client().PostAsync("/api/dataverse-webhook", Json("{ not json"), Ct);
        var listed = await _app.Client(StandaloneApp.MasterKey).GetStringAsync("/api/admin/poison", Ct);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("Unreadable webhook body", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_WhileOurResourcesAreMissing_IsUnhealthy_AndOnlyTheAdminSeesWhy()
    {
        var storage = _app.Services.GetRequiredService<StorageClients>();
        await storage.EnsureCreatedAsync(Ct);
        var healthy = await _app.Client(null).GetAsync("/api/health", Ct);

        await new TableServiceClient(_storage.ConnectionString).DeleteTableAsync(Table(TableNames.Runs), Ct);
        await new BlobContainerClient(_storage.ConnectionString, StorageClients.ReportContainer).DeleteAsync(cancellationToken: Ct);
        var details = await _app.Client(StandaloneApp.MasterKey).GetAsync("/api/admin/health", Ct);
        using var report = JsonDocument.Parse(await details.Content.ReadAsStringAsync(Ct));
        var repaired = await _app.Client(null).GetAsync("/api/health", Ct);

        await new TableServiceClient(_storage.ConnectionString).DeleteTableAsync(Table(TableNames.Trends), Ct);
        var anonymous = await _app.Client(null).GetAsync("/api/health", Ct);
        var anonymousBody = await anonymous.Content.ReadAsStringAsync(Ct);
        var withFunctionKey = await _app.Client().GetAsync("/api/admin/health", Ct);

        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, details.StatusCode);
        Assert.Equal("missing", report.RootElement.GetProperty("storage").GetString());
        var missing = report.RootElement.GetProperty("missing").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["table " + Table(TableNames.Runs), "container " + StorageClients.ReportContainer], missing);
        Assert.Equal(HttpStatusCode.OK, repaired.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, anonymous.StatusCode);
        Assert.Equal("""{"status":"unhealthy"}""", anonymousBody);
        Assert.Equal(HttpStatusCode.Unauthorized, withFunctionKey.StatusCode);
    }
}
