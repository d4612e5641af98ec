using System.Reflection;
using CrmPersonCentric.Application.Evaluation;
using CrmPersonCentric.Dataverse.Records;
using CrmPersonCentric.Dataverse.Steps;
using CrmPersonCentric.Dataverse.WebApi;

namespace CrmPersonCentric.Functions.Tests;

/// <summary>
/// The seams the design depends on: all Dataverse I/O stays in the adapter's records (swapping the Web API touches the
/// adapter only), and only the host knows HTTP (services take and return typed requests and results).
/// </summary>
public sealed class ArchitectureTests
{
    private static IEnumerable<Type> ConstructorParameters(Type type) =>
        type.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType);

    [Fact]
    public void StepsUseCasesAndServices_NeverTakeTheWebApiClient()
    {
        var dataverse = typeof(IPluginStep).Assembly.GetTypes().Where(t => t.Namespace is "CrmPersonCentric.Dataverse.Steps" or "CrmPersonCentric.Dataverse.UseCases");
        var backend = typeof(EvaluateDrift).Assembly.GetTypes();

        var offenders = dataverse.Concat(backend).Where(t => ConstructorParameters(t).Contains(typeof(IDataverseClient))).Select(t => t.FullName).ToList();

        Assert.Empty(offenders);
        Assert.Contains(typeof(WebApiContactRecords), typeof(IPluginStep).Assembly.GetTypes().Where(t => ConstructorParameters(t).Contains(typeof(IDataverseClient))));
    }

    [Fact]
    public void Backend_KnowsNoHttpTypes()
    {
        var backend = typeof(EvaluateDrift).Assembly;
        var signatures = backend.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType));

        Assert.DoesNotContain(backend.GetReferencedAssemblies(), a => a.Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(signatures, t => t.Namespace?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true);
    }
}
