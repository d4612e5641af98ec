using Azure.Monitor.OpenTelemetry.Exporter;
using CrmPersonCentric.Backend.Runtime;
using Microsoft.Extensions.Configuration;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CrmPersonCentric.Functions;

/// <summary>The app's OpenTelemetry: its own traces and metrics, exported to Application Insights when a connection string is set.</summary>
public static class TelemetrySetup
{
    /// <summary>The setting that turns on the Azure Monitor exporter.</summary>
    public const string ConnectionSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Adds the app's sources and meters, and the exporter when configured.</summary>
    public static IOpenTelemetryBuilder AddCrmPersonCentric(this IOpenTelemetryBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.WithTracing(t => t.AddSource(Telemetry.Name)).WithMetrics(m => m.AddMeter(Telemetry.Name));
        if (!string.IsNullOrWhiteSpace(configuration[ConnectionSetting]))
        {
            builder.UseAzureMonitorExporter();
        }

        return builder;
    }
}
