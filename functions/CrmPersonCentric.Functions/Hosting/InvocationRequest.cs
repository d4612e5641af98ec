using System.Text.Json;

namespace CrmPersonCentric.Functions.Hosting;

/// <summary>What the Functions host POSTs to a custom handler for a non-HTTP trigger: {"Data": {...}, "Metadata": {...}}.</summary>
public sealed class InvocationRequest
{
    /// <summary>Trigger and input binding data, by binding name.</summary>
    public Dictionary<string, JsonElement>? Data { get; set; }

    /// <summary>Trigger metadata (DequeueCount for queues, sys...).</summary>
    public Dictionary<string, JsonElement>? Metadata { get; set; }

    /// <summary>A binding's value as text: strings as they are, objects as their JSON.</summary>
    public string? Text(string binding) =>
        Data is not null && Data.TryGetValue(binding, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    /// <summary>A whole-number metadata value.</summary>
    public int? MetadataInt(string name) =>
        Metadata is not null && Metadata.TryGetValue(name, out var value)
            ? value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n
            : value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : null
            : null;
}
