namespace CrmPersonCentric.Drift.Statistics;

/// <summary>A closed interval [Low, High].</summary>
/// <param name="Low">Lower bound.</param>
/// <param name="High">Upper bound.</param>
public readonly record struct Interval(double Low, double High)
{
    /// <summary>True when the value lies inside the interval.</summary>
    public bool Contains(double value) => value >= Low && value <= High;
}
