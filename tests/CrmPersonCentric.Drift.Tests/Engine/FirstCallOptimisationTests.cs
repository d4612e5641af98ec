using System.Reflection;
using CrmPersonCentric.Drift.Analyzers;
using CrmPersonCentric.Drift.Engine;
using CrmPersonCentric.Drift.Population;

namespace CrmPersonCentric.Drift.Tests.Engine;

/// <summary>
/// The methods an evaluation runs per contact or per signal are compiled optimised at their first call (an evaluation
/// runs once per process or once an hour, so tiered compilation would leave them unoptimised): a new analyzer's
/// <c>Add</c> or a new adder of the builder without the attribute fails here.
/// </summary>
public sealed class FirstCallOptimisationTests
{
    private const BindingFlags Declared = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    private static bool Optimised(MethodInfo method) =>
        (method.MethodImplementationFlags & MethodImplAttributes.AggressiveOptimization) != 0;

    [Fact]
    public void EveryAnalyzersPerContactAdd_IsOptimisedFromItsFirstCall()
    {
        var adds = typeof(DriftAnalyzer).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(DriftAnalyzer)))
            .SelectMany(t => t.GetMethods(Declared).Where(m => m.Name == "Add" && m.GetParameters() is [{ ParameterType.IsByRef: true }]))
            .ToArray();

        Assert.True(adds.Length >= 8, $"{adds.Length} Add overrides found");
        Assert.All(adds, m => Assert.True(Optimised(m), $"{m.DeclaringType!.Name}.Add"));
    }

    [Fact]
    public void ThePassAndTheBuildersAdders_AreOptimisedFromTheirFirstCall()
    {
        Assert.True(Optimised(typeof(DriftEngine).GetMethod("Pass", Declared)!));
        var adders = typeof(PopulationBuilder).GetMethods(Declared)
            .Where(m => m.Name is "Add" or "AddRow" or "AddSignal" or "AddBehaviour" || m.Name.StartsWith("Record", StringComparison.Ordinal))
            .ToArray();
        Assert.True(adders.Length >= 10, $"{adders.Length} adders found");
        Assert.All(adders, m => Assert.True(Optimised(m), $"PopulationBuilder.{m.Name}"));
    }
}
