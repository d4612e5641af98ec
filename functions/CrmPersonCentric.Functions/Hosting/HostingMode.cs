namespace CrmPersonCentric.Functions.Hosting;

/// <summary>
/// How the executable runs: started by the Functions host as a custom handler (it sets FUNCTIONS_CUSTOMHANDLER_PORT),
/// or standalone (a developer machine), where the app checks function keys and fires timers and the queue itself.
/// </summary>
public sealed record HostingMode(bool IsCustomHandler, int? Port)
{
    /// <summary>The environment variable the Functions host sets.</summary>
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>The mode from the environment.</summary>
    public static HostingMode FromEnvironment(Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return int.TryParse(read(PortVariable), System.Globalization.CultureInfo.InvariantCulture, out var port) && port > 0
            ? new HostingMode(true, port)
            : new HostingMode(false, null);
    }
}
