using System.Text.Json.Serialization;

namespace CrmPersonCentric.Functions.Hosting;

/// <summary>What a custom handler answers the Functions host: {"Outputs": {...}, "Logs": [...], "ReturnValue": ...}.</summary>
/// <param name="Outputs">Output binding values by name.</param>
/// <param name="Logs">Lines the host writes to its log (no personal data).</param>
/// <param name="ReturnValue">The function's return value.</param>
/// <remarks>The names are written exactly as documented (PascalCase), not in the app's camelCase.</remarks>
public sealed record InvocationResponse(
    [property: JsonPropertyName("Outputs")] IReadOnlyDictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue)
{
    /// <summary>A response with log lines and a return value.</summary>
    public static InvocationResponse Of(object? returnValue, params string[] logs) => new(new Dictionary<string, object?>(), logs, returnValue);
}
