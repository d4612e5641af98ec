namespace CrmPersonCentric.Functions;

/// <summary>Which host runs the functions: "functions" (the Azure Functions host) or "standalone".</summary>
/// <param name="Value">The host's name.</param>
public sealed record HostName(string Value)
{
    /// <summary>The Azure Functions host.</summary>
    public static HostName Functions { get; } = new("functions");

    /// <summary>The standalone ASP.NET Core host.</summary>
    public static HostName Standalone { get; } = new("standalone");
}
