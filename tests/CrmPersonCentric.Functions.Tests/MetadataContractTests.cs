using System.Reflection;
using CrmPersonCentric.Functions.Standalone;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPersonCentric.Functions.Tests;

/// <summary>
/// One source of truth: the trigger attributes of the function classes, the functions.metadata the Worker SDK
/// generates from them (what the Functions host indexes), and what the standalone host serves from that file.
/// </summary>
public sealed class MetadataContractTests
{
    private static readonly FunctionCatalog Catalog = FunctionCatalog.Load(FunctionsBuild.Directory);

    private static IEnumerable<(MethodInfo Method, FunctionAttribute Function)> Declared() =>
        typeof(StandaloneHost).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Select(m => (m, m.GetCustomAttribute<FunctionAttribute>()!))
            .Where(x => x.Item2 is not null);

    [Fact]
    public void Metadata_HoldsExactlyTheDeclaredFunctions_WithTheirEntryPoints()
    {
        var declared = Declared().ToDictionary(d => d.Function.Name, d => $"{d.Method.DeclaringType!.FullName}.{d.Method.Name}");

        Assert.Equal(13, declared.Count);
        Assert.Equal(declared.Keys.Order(), Catalog.Functions.Select(f => f.Name).Order());
        Assert.All(Catalog.Functions, f => Assert.Equal(declared[f.Name], f.EntryPoint));
        Assert.All(Catalog.Functions, f => Assert.Equal("CrmPersonCentric.Functions.dll", f.ScriptFile));
    }

    [Fact]
    public void Metadata_Triggers_AreTheOnesTheAttributesDeclare()
    {
        foreach (var (method, function) in Declared())
        {
            var trigger = Catalog.Functions.Single(f => f.Name == function.Name).Trigger!;
            var parameter = method.GetParameters().Single(p => p.GetCustomAttributes().Any(a => a.GetType().Name.EndsWith("TriggerAttribute", StringComparison.Ordinal)));
            switch (parameter.GetCustomAttributes().Single(a => a.GetType().Name.EndsWith("TriggerAttribute", StringComparison.Ordinal)))
            {
                case HttpTriggerAttribute http:
                    Assert.Equal("httpTrigger", trigger.Type);
                    Assert.Equal(http.Route, trigger.Route);
                    Assert.Equal(http.AuthLevel.ToString(), trigger.AuthLevel);
                    Assert.Equal(http.Methods, trigger.Methods);
                    break;
                case QueueTriggerAttribute queue:
                    Assert.Equal("queueTrigger", trigger.Type);
                    Assert.Equal(queue.QueueName, trigger.QueueName);
                    Assert.StartsWith("%" + FunctionSettings.InboxQueueName + "%", trigger.QueueName, StringComparison.Ordinal);
                    break;
                case TimerTriggerAttribute timer:
                    Assert.Equal("timerTrigger", trigger.Type);
                    Assert.Equal(timer.Schedule, trigger.Schedule);
                    break;
                default:
                    Assert.Fail($"{function.Name} has a trigger the standalone host does not serve.");
                    break;
            }
        }
    }

    [Fact]
    public void BindingExpressions_NameFlatSettings_ThatTheHostResolves()
    {
        // The host resolves %Name% from app settings and does not resolve names with "__"; separators are unreliable on Linux.
        var names = Catalog.Functions.SelectMany(f => new[] { f.Trigger!.QueueName, f.Trigger.Schedule })
            .OfType<string>().SelectMany(e => e.Split('%').Where((_, i) => i % 2 == 1)).Distinct().Order().ToList();

        Assert.Equal([FunctionSettings.EvaluateDriftSchedule, FunctionSettings.InboxQueueName, FunctionSettings.ReconcileSchedule, FunctionSettings.WeeklyReportSchedule], names);
        Assert.All(names, n => Assert.Matches("^[A-Za-z][A-Za-z0-9]*$", n));
    }

    [Fact]
    public async Task StandaloneHost_ServesEveryFunction_WithTheDeclaredRoutesSchedulesAndQueues()
    {
        await using var app = StandaloneHost.Build(["--AzureWebJobsStorage=UseDevelopmentStorage=true", "--Dataverse:EnvironmentUrl=https://contoso.crm.dynamics.com", "--Standalone:Background=false"], FunctionsBuild.Directory);
        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToList();
        var timers = app.Services.GetRequiredService<StandaloneTimers>().Schedules();
        var queues = app.Services.GetRequiredService<StandaloneQueuePoller>().Queues();

        foreach (var function in Catalog.WithTrigger("httpTrigger"))
        {
            var endpoint = Assert.Single(endpoints, e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == function.Name);
            Assert.Equal("/api/" + function.Trigger!.Route, "/" + endpoint.RoutePattern.RawText!.TrimStart('/'));
            Assert.Equal(function.Trigger.Methods!.Select(m => m.ToUpperInvariant()).Order(), endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Order());
        }

        Assert.Equal(Catalog.WithTrigger("timerTrigger").Select(f => f.Name).Order(), timers.Select(t => t.Function.Function.Name).Order());
        var weekly = timers.Single(t => t.Function.Function.Name == "WeeklyReport").Schedule;
        Assert.Equal(new DateTime(2026, 11, 30, 7, 0, 0), weekly.GetNextOccurrence(new DateTime(2026, 11, 23, 12, 0, 0)));
        Assert.Equal(["cpc-inbox", "cpc-inbox-poison"], queues.Select(q => q.Queue).Order());
    }

    [Fact]
    public void Schedule_Invalid_NamesTheFunction()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => StandaloneTimers.Parse("EvaluateDrift", "every hour"));

        Assert.Contains("EvaluateDrift", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AppSettingExpression_UnknownSetting_NamesIt()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();

        var ex = Assert.Throws<InvalidOperationException>(() => AppSettingExpression.Resolve("%InboxQueueName%-poison", configuration));

        Assert.Contains("InboxQueueName", ex.Message, StringComparison.Ordinal);
    }
}
