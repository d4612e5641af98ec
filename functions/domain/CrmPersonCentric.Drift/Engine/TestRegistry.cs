using CrmPersonCentric.Drift.Statistics;

namespace CrmPersonCentric.Drift.Engine;

/// <summary>
/// What one hypothesis test of a run tests: its kind, the persona, and the subject and parameters that tell it from the
/// other tests of that kind. Two rules asking the same question share one test (and one place in the adjustment). A
/// value, so registering the tens of thousands of per-trait tests of a large run formats no string.
/// </summary>
/// <param name="Kind">The kind of test ("declared", "emerging", "share", …).</param>
/// <param name="Persona">The persona's index in the run.</param>
/// <param name="Subject">A keyed subject (a trust channel, a theme, a share's name), when there is one.</param>
/// <param name="Index">A numbered subject (a trait id, a behaviour slot, a dimension), when there is one.</param>
/// <param name="A">A parameter the result depends on (a threshold, a window).</param>
/// <param name="B">A second such parameter.</param>
internal readonly record struct TestKey(string Kind, int Persona, string? Subject = null, int Index = 0, double A = 0, double B = 0);

/// <summary>
/// Collects every hypothesis test of a run once, then adjusts them together (Benjamini–Hochberg). Made with the number of
/// tests the run expects (<see cref="Expected"/>), it does not grow while the tests register.
/// </summary>
internal sealed class TestRegistry(int capacity = 0)
{
    private readonly Dictionary<TestKey, int> _byKey = new(capacity);
    private readonly List<TestResult> _results = new(capacity);
    private double[]? _qValues;

    public int Count => _results.Count;

    /// <summary>
    /// About how many tests a run registers: one or two per trait a persona's people hold (most are the per-trait tests
    /// of the declared and emerging rules), and room for the per-persona ones. Too many only costs the room; too few, the
    /// growth it spares.
    /// </summary>
    public static int Expected(EvaluationRun run)
    {
        var held = 0;
        foreach (var counts in run.Counts)
        {
            foreach (var count in counts.TraitCounts)
            {
                held += count > 0 ? 1 : 0;
            }
        }

        return (int)Math.Min(Array.MaxLength / 2, (2L * held) + (256L * run.Counts.Length));
    }

    /// <summary>Registers a test under a key; the same key returns the earlier registration.</summary>
    public int Register(TestKey key, Func<TestResult> run) => Register(key, run, static run => run());

    /// <summary>
    /// Registers a test under a key, run from the given state by a function that captures nothing (no closure is
    /// allocated for a test that is already registered, or at all); the same key returns the earlier registration.
    /// </summary>
    public int Register<TState>(TestKey key, TState state, Func<TState, TestResult> run)
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
        _results.Add(run(state));
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
