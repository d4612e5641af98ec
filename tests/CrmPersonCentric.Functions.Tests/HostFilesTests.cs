using System.Text.Json;
using Azure.Storage.Queues;
using CrmPersonCentric.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Functions.Tests;

/// <summary>host.json, appsettings.json and local.settings.json.example: what the Functions host and both hosts read.</summary>
public sealed class HostFilesTests
{
    private static readonly string Source = RepositoryRoot.Combine("functions", "hosts", "CrmPersonCentric.Functions");

    [Fact]
    public void HostJson_IsAnIsolatedWorkerHost_WithOpenTelemetryAndTheQueueSettings()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Source, "host.json")));
        var root = host.RootElement;

        Assert.Equal("2.0", root.GetProperty("version").GetString());
        Assert.Equal("OpenTelemetry", root.GetProperty("telemetryMode").GetString());
        Assert.False(root.TryGetProperty("customHandler", out _));
        Assert.Equal("api", root.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        var queues = QueueHostSettings.Load(Source);
        Assert.Equal(new QueueHostSettings(5, TimeSpan.FromSeconds(30), 16, "base64"), queues);
    }

    [Fact]
    public void QueueSettings_AppSettingsOverrideHostJson_AsTheHostDoes()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [QueueHostSettings.OverrideSection + ":maxDequeueCount"] = "2",
            [QueueHostSettings.OverrideSection + ":visibilityTimeout"] = "00:00:01",
        }).Build();

        var queues = QueueHostSettings.Load(Source, configuration);

        Assert.Equal((2, TimeSpan.FromSeconds(1), 16), (queues.MaxDequeueCount, queues.VisibilityTimeout, queues.BatchSize));
    }

    [Theory]
    [InlineData("""{ "extensions": { "queues": { "messageEncoding": "utf8" } } }""")]
    [InlineData("""{ "extensions": { "queues": { "batchSize": 64 } } }""")]
    [InlineData("""{ not json""")]
    public void QueueSettings_ValuesTheHostWouldReject_FailNamingTheFile(string hostJson)
    {
        using var folder = new TempDirectory("cpc-hostjson");
        File.WriteAllText(folder.File("host.json"), hostJson);

        var ex = Assert.Throws<InvalidDataException>(() => QueueHostSettings.Load(folder.Path));

        Assert.Contains("host.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InboxClient_EncodesMessagesAsHostJsonSays()
    {
        var queues = QueueHostSettings.Load(Source);
        using var storage = new StorageClients(new StorageConnection("UseDevelopmentStorage=true", null, null, null), Options.Create(new StorageOptions()), queues, new Azure.Identity.ClientSecretCredential("t", "c", "s"));

        Assert.Equal(queues.IsBase64 ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None, storage.MessageEncoding);
        Assert.Equal("cpc-inbox-poison", storage.InboxPoison.Name);
    }

    [Fact]
    public void AppSettings_ScheduleDefaults_AreTheDocumentedOnes()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(Source, "appsettings.json")).Build();

        Assert.All(FunctionSettings.DefaultSchedules, s => Assert.Equal(s.Value, configuration[s.Key]));
        Assert.Equal(FunctionSettings.DefaultInboxQueue, configuration[FunctionSettings.InboxQueueName]);
    }

    [Fact]
    public void LocalSettingsExample_HasEverySettingTheHostNeeds_AndNoSecret()
    {
        var text = File.ReadAllText(Path.Combine(Source, "local.settings.json.example"));
        using var example = JsonDocument.Parse(text);
        var values = example.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());

        Assert.Equal("dotnet-isolated", values["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("UseDevelopmentStorage=true", values[FunctionSettings.Storage]);
        Assert.All(FunctionSettings.DefaultSchedules.Keys.Append(FunctionSettings.InboxQueueName), k => Assert.True(values.ContainsKey(k), $"{k} is missing"));
        Assert.DoesNotContain("AccountKey", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ClientSecret", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Keys", text, StringComparison.Ordinal);
    }
}
