using System.Text.Json;
using CrmPersonCentric.Functions.Hosting;
using Microsoft.Extensions.Configuration;

namespace CrmPersonCentric.Functions.Tests;

public sealed class HostContractTests
{
    private static readonly string AppDirectory = Path.Combine(RepositoryRoot.Path, "functions", "CrmPersonCentric.Functions");
    private readonly FunctionManifest _manifest = FunctionManifest.Load(AppDirectory);

    [Fact]
    public void EveryFunctionJson_HasARouteAndItsBindingNames()
    {
        Assert.NotEmpty(_manifest.Functions);
        Assert.Equal(_manifest.Functions.Select(f => f.Name).Order(), FunctionRoutes.Http.Keys.Concat(FunctionRoutes.Invocations.Keys).Order());
        foreach (var function in _manifest.Functions)
        {
            if (function.IsHttp)
            {
                var (route, methods, authLevel) = FunctionRoutes.Http[function.Name];
                Assert.Equal(route, function.Trigger.Route);
                Assert.Equal(methods, function.Trigger.Methods);
                Assert.Equal(authLevel, function.Trigger.AuthLevel);
                Assert.Contains(function.Bindings, b => b.Type == "http" && b.Direction == "out");
            }
            else
            {
                Assert.Equal(FunctionRoutes.Invocations[function.Name], function.Trigger.Name);
            }
        }
    }

    [Fact]
    public void HostJson_PointsAtTheExecutableAndForwardsHttp()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppDirectory, "host.json")));
        var handler = host.RootElement.GetProperty("customHandler");

        Assert.Equal("cpc-functions", handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.True(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.Equal("api", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public void TimerSchedules_ResolveFromSettingsAndParse()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppDirectory, "appsettings.json")).Build();
        var timers = _manifest.Functions.Where(f => f.Trigger.Type == "timerTrigger").ToList();

        Assert.Equal(3, timers.Count);
        foreach (var timer in timers)
        {
            var expression = StandaloneTimers.ResolveSchedule(timer.Trigger.Schedule!, configuration);
            Assert.NotNull(StandaloneTimers.Parse(timer.Name, expression));
        }

        var weekly = StandaloneTimers.Parse("WeeklyReport", StandaloneTimers.ResolveSchedule("%Schedules__WeeklyReport%", configuration));
        Assert.Equal(new DateTime(2026, 11, 30, 7, 0, 0), weekly.GetNextOccurrence(new DateTime(2026, 11, 23, 12, 0, 0)));
    }

    [Fact]
    public void Schedule_Invalid_NamesTheFunction()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => StandaloneTimers.Parse("EvaluateDrift", "every hour"));

        Assert.Contains("EvaluateDrift", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QueueInvocationFixture_IsRead()
    {
        // The queue-trigger request documented for custom handlers (shared/fixtures/functions-custom-handler).
        const string text = """
            { "Data": { "myQueueItem": "{ message: \"Message sent\" }" },
              "Metadata": { "DequeueCount": 1, "ExpirationTime": "2019-10-16T17:58:31+00:00", "Id": "800ae4b3-bdd2-4c08-badd-f08e5a34b865",
                "InsertionTime": "2019-10-09T17:58:31+00:00", "NextVisibleTime": "2019-10-09T18:08:32+00:00", "PopReceipt": "AgAAAAMAAAAAAAAAAgtnj8x+1QE=",
                "sys": { "MethodName": "QueueTrigger", "UtcNow": "2019-10-09T17:58:32.2205399Z", "RandGuid": "24ad4c06-24ad-4e5b-8294-3da9714877e9" } } }
            """;
        var request = JsonSerializer.Deserialize<InvocationRequest>(text, JsonSerializerOptions.Web)!;

        Assert.Equal(1, request.MetadataInt("DequeueCount"));
        Assert.Equal("{ message: \"Message sent\" }", request.Text("myQueueItem"));
    }
}
