using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using CrmPersonCentric.Application;
using Microsoft.Extensions.Configuration;
using OpenTelemetry;

namespace CrmPersonCentric.Functions;

/// <summary>The app's OpenTelemetry: its own traces and metrics, exported to Application Insights when a connection string is set.</summary>
public static class TelemetrySetup
{
    /// <summary>The setting that turns on the Azure Monitor exporter.</summary>
    public const string ConnectionSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>How to authenticate to Application Insights ("Authorization=AAD" for Entra ID with the managed identity).</summary>
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>The key=value pairs of an authentication string.</summary>
    public static IReadOnlyDictionary<string, string> AuthenticationSettings(string? text) =>
        (text ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds the app's sources and meters, and the exporter when configured.</summary>
    public static IOpenTelemetryBuilder AddCrmPersonCentric(this IOpenTelemetryBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.WithTracing(t => t.AddSource(Telemetry.Name)).WithMetrics(m => m.AddMeter(Telemetry.Name));
        if (!string.IsNullOrWhiteSpace(configuration[ConnectionSetting]))
        {
            // With local auth off (the Bicep sets DisableLocalAuth), Application Insights takes Entra ID tokens only:
            // APPLICATIONINSIGHTS_AUTHENTICATION_STRING "Authorization=AAD[;ClientId=…]" says so, as for the host.
            var authentication = AuthenticationSettings(configuration[AuthenticationSetting]);
            builder.UseAzureMonitorExporter(o =>
            {
                if (authentication.TryGetValue("Authorization", out var kind) && string.Equals(kind, "AAD", StringComparison.OrdinalIgnoreCase))
                {
                    o.Credential = new ManagedIdentityCredential(authentication.TryGetValue("ClientId", out var clientId) ? ManagedIdentityId.FromUserAssignedClientId(clientId) : ManagedIdentityId.SystemAssigned);
                }
            });
        }

        return builder;
    }
}
