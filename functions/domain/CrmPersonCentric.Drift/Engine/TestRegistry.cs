using CrmPersonCentric.Drift.Statistics;

namespace CrmPersonCentric.Drift.Engine;

/// <summary>Collects every hypothesis test of a run once, then adjusts them together (Benjamini–Hochberg).</summary>
internal sealed class TestRegistry
{
    private readonly Dictionary<string, int> _byKey = new(StringComparer.Ordinal);
    private readonly List<TestResult> _results = [];
    private double[]? _qValues;

    public int Count => _results.Count;

    /// <summary>Registers a test under a key; the same key returns the earlier registration.</summary>
    public int Register(string key, Func<TestResult> run)
    {
        if (_qValues is not null)
        {
            throw new InvalidOperationException("Tests were already adjusted.");
        }

        if (_byKey.TryGetValue(key, out var index))
        {
            return index;
        }

        index = _results.Count;
        _results.Add(run());
        _byKey.Add(key, index);
        return index;
    }

    public TestResult this[int index] => _results[index];

    public void Adjust()
    {
        var pValues = new double[_results.Count];
        for (var i = 0; i < pValues.Length; i++)
        {
            pValues[i] = _results[i].PValue;
        }

        _qValues = BenjaminiHochberg.Adjust(pValues);
    }

    public double QValue(int index) => (_qValues ?? throw new InvalidOperationException("Adjust first."))[index];
}
