using System.Collections.Concurrent;
using CrmPersonCentric.Functions.Standalone;
using CrmPersonCentric.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrmPersonCentric.Functions.IntegrationTests;

/// <summary>
/// The standalone poller's semantics against the Functions host's, on real Azurite, with a queue function of this
/// assembly that fails on purpose: a message is handed over with its dequeue count, deleted on success, delivered again
/// after a failure, and moved to the -poison queue when it fails at its maxDequeueCount-th delivery.
/// </summary>
public sealed class QueuePollerSemanticsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Poller_DeliversAgainAfterFailures_AndPoisonsAtMaxDequeueCount()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new TempDirectory("cpc-poller");
        var queue = "q" + Guid.NewGuid().ToString("N")[..12];
        await File.WriteAllTextAsync(folder.File("host.json"), """{ "version": "2.0", "extensions": { "queues": { "maxDequeueCount": 3, "visibilityTimeout": "00:00:00", "batchSize": 4, "messageEncoding": "base64" } } }""", ct);
        await File.WriteAllTextAsync(folder.File(FunctionCatalog.FileName), $$"""
            [ { "name": "Planned", "scriptFile": "x.dll", "entryPoint": "{{typeof(PlannedFailures).FullName}}.RunAsync", "language": "dotnet-isolated",
                "bindings": [ { "name": "message", "direction": "In", "type": "queueTrigger", "dataType": "String", "queueName": "%PlannedQueue%" } ] } ]
            """, ct);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PlannedQueue"] = queue }).Build();
        var settings = QueueHostSettings.Load(folder.Path);
        var storage = new StorageClients(new StorageConnection(azurite.Storage.ConnectionString, null, null, null), Options.Create(new StorageOptions { TablePrefix = "poller" }), settings, new Azure.Identity.ClientSecretCredential("t", "c", "s"));
        var calls = new PlannedFailures.Calls();
        var services = new ServiceCollection().AddSingleton(calls).BuildServiceProvider();
        var poller = new StandaloneQueuePoller(StandaloneFunctions.Load(folder.Path, typeof(PlannedFailures).Assembly), storage, settings, configuration, services.GetRequiredService<IServiceScopeFactory>(), NullLogger<StandaloneQueuePoller>.Instance);
        var client = storage.Queue(queue);
        await client.CreateIfNotExistsAsync(cancellationToken: ct);
        await client.SendMessageAsync("ok", ct);
        await client.SendMessageAsync("flaky", ct);
        await client.SendMessageAsync("fail", ct);

        await poller.StartAsync(ct);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && (calls.Of("fail").Count < 3 || calls.Of("flaky").Count < 2 || (await client.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount > 0))
        {
            await Task.Delay(100, ct);
        }

        await poller.StopAsync(ct);
        var poisoned = (await storage.Queue(queue + FunctionSettings.PoisonQueueSuffix).ReceiveMessagesAsync(10, cancellationToken: ct)).Value;

        Assert.Equal([1L], calls.Of("ok"));
        Assert.Equal([1L, 2L], calls.Of("flaky"));
        Assert.Equal([1L, 2L, 3L], calls.Of("fail"));
        Assert.Equal("fail", Assert.Single(poisoned).MessageText);
        Assert.Equal(0, (await client.GetPropertiesAsync(ct)).Value.ApproximateMessagesCount);
    }
}

/// <summary>A queue function that fails on purpose: "fail" always, "flaky" on its first delivery.</summary>
public sealed class PlannedFailures(PlannedFailures.Calls calls)
{
    public Task RunAsync(string message, long dequeueCount, CancellationToken cancellationToken)
    {
        calls.Record(message, dequeueCount);
        return message == "fail" || (message == "flaky" && dequeueCount < 2)
            ? throw new InvalidOperationException("A planned failure.")
            : Task.CompletedTask;
    }

    /// <summary>The dequeue counts each message was delivered with.</summary>
    public sealed class Calls
    {
        private readonly ConcurrentQueue<(string Message, long DequeueCount)> _calls = new();

        public void Record(string message, long dequeueCount) => _calls.Enqueue((message, dequeueCount));

        public List<long> Of(string message) => [.. _calls.Where(c => c.Message == message).Select(c => c.DequeueCount).Order()];
    }
}
