using System.Text.Json.Serialization;

namespace CrmPersonCentric.Functions.Hosting;

/// <summary>One binding of a function.json.</summary>
public sealed class FunctionBinding
{
    /// <summary>httpTrigger, http, timerTrigger, queueTrigger...</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>in or out.</summary>
    public string Direction { get; set; } = string.Empty;

    /// <summary>The binding name (the key under Data in the host's payload).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>HTTP route (without the "api" prefix).</summary>
    public string? Route { get; set; }

    /// <summary>HTTP methods.</summary>
    public List<string>? Methods { get; set; }

    /// <summary>anonymous, function or admin.</summary>
    public string? AuthLevel { get; set; }

    /// <summary>NCRONTAB schedule with seconds, or %AppSetting%.</summary>
    public string? Schedule { get; set; }

    /// <summary>Queue name.</summary>
    public string? QueueName { get; set; }

    /// <summary>Connection setting prefix.</summary>
    public string? Connection { get; set; }

    /// <summary>Anything else the file holds.</summary>
    [JsonExtensionData]
    public Dictionary<string, object>? Extra { get; set; }
}
