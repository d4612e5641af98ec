namespace CrmPersonCentric.Application.Ports;

/// <summary>The contact columns the backend computes: fit to the tagged persona and the insight summary.</summary>
/// <param name="Fit">cpc_personafit.</param>
/// <param name="Summary">cpc_insightsummary.</param>
public sealed record ComputedColumns(double? Fit, string? Summary)
{
    /// <summary>Nothing computed yet.</summary>
    public static ComputedColumns None { get; } = new(null, null);
}
