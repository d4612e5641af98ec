using System.Net;
using System.Text;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Functions.IntegrationTests;

public sealed class OutageAndStartupTests
{
    [Fact]
    public async Task Webhook_WhenStorageStops_Answers503WithRetryAfter()
    {
        await using var storage = await Azurite.StartNewAsync();
        using var app = new AppFactory(storage.ConnectionString, new FakeDataverse());
        var client = app.Client();
        var body = WebhookPayloads.ContactChange(Guid.NewGuid().ToString("D"), "1");
        var before = await client.PostAsync("/api/dataverse-webhook", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        await storage.StopAsync();
        var during = await client.PostAsync("/api/dataverse-webhook", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var health = await app.Client(null).GetAsync("/api/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal("5", during.Headers.GetValues("Retry-After").Single());
        Assert.Contains("nothing was kept", await during.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
    }

    [Fact]
    public void Startup_MissingSetting_FailsNamingIt()
    {
        using var app = new AppFactory("UseDevelopmentStorage=true", new FakeDataverse());
        app.Settings["Dataverse:EnvironmentUrl"] = string.Empty;

        var ex = Assert.ThrowsAny<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("EnvironmentUrl", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Startup_NoStorage_FailsNamingTheSettings()
    {
        using var app = new AppFactory(string.Empty, new FakeDataverse());

        var ex = Assert.ThrowsAny<OptionsValidationException>(() => app.CreateClient());

        Assert.Contains("Storage:AccountName", ex.Message, StringComparison.Ordinal);
    }
}
