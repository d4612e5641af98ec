namespace CrmPersonCentric.Application.Ports;

/// <summary>The computed columns that changed; a null property is left as it is.</summary>
/// <param name="Fit">The new fit, when it changed (<see cref="FitChanged"/> tells a change to "unknown" apart).</param>
/// <param name="FitChanged">True when the fit is to be written (possibly as null: unknown).</param>
/// <param name="Summary">The new summary, when it changed.</param>
/// <param name="ComputedOn">When the values were computed (cpc_fitupdatedon).</param>
public sealed record ComputedColumnsChange(double? Fit, bool FitChanged, string? Summary, DateTimeOffset ComputedOn)
{
    /// <summary>How many columns change (not counting the time stamp).</summary>
    public int Count => (FitChanged ? 1 : 0) + (Summary is null ? 0 : 1);
}
