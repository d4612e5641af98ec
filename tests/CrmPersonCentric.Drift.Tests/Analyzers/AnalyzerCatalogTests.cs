using CrmPersonCentric.Drift.Analyzers;
using CrmPersonCentric.Drift.Rules;

namespace CrmPersonCentric.Drift.Tests.Analyzers;

public sealed class AnalyzerCatalogTests
{
    private static readonly Type[] AnalyzerTypes =
    [
        .. typeof(DriftAnalyzer).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(DriftAnalyzer)) && !t.IsAbstract),
    ];

    [Fact]
    public void EveryMetric_BelongsToExactlyOneAnalyzer()
    {
        var analyzers = AnalyzerTypes.Select(t => (DriftAnalyzer)Activator.CreateInstance(t)!).ToList();

        var owners = Enum.GetValues<DriftMetric>().ToDictionary(m => m, m => analyzers.Where(a => a.Metrics.Contains(m)).Select(a => a.GetType().Name).ToList());

        Assert.All(owners, o => Assert.True(o.Value.Count == 1, $"{o.Key} belongs to {o.Value.Count} analyzers ({string.Join(", ", o.Value)})"));
    }

    [Fact]
    public void EveryAnalyzerType_TakesPartInAnEvaluation()
    {
        // An analyzer written but not registered would never count, test or summarise anything.
        var registered = CrmPersonCentric.Drift.Engine.DriftEngine.AnalyzerTypes;

        Assert.Equal(AnalyzerTypes.Select(t => t.Name).Order(), registered.Select(t => t.Name).Order());
    }
}
