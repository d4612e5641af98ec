namespace CrmPersonCentric.Functions.Standalone;

/// <summary>One binding of a function in functions.metadata (the properties of the trigger attribute).</summary>
public sealed class BindingEntry
{
    /// <summary>The parameter's name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>httpTrigger, http, queueTrigger, timerTrigger, …</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>In or Out.</summary>
    public string Direction { get; set; } = string.Empty;

    /// <summary>HTTP: Anonymous, Function or Admin.</summary>
    public string? AuthLevel { get; set; }

    /// <summary>HTTP: the methods.</summary>
    public List<string>? Methods { get; set; }

    /// <summary>HTTP: the route under the route prefix (api).</summary>
    public string? Route { get; set; }

    /// <summary>Queue: the queue's name (may hold %Setting% expressions).</summary>
    public string? QueueName { get; set; }

    /// <summary>Queue: the connection setting (null: AzureWebJobsStorage).</summary>
    public string? Connection { get; set; }

    /// <summary>Timer: the NCRONTAB schedule (may be a %Setting% expression).</summary>
    public string? Schedule { get; set; }
}
