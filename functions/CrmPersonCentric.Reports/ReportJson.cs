using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmPersonCentric.Reports;

/// <summary>The JSON options of every file the evaluation writes (camelCase, enums as strings, indented).</summary>
public static class ReportJson
{
    /// <summary>The options.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Serialises with LF line endings and a final newline, so files are byte-identical across platforms.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options).ReplaceLineEndings("\n") + "\n";
}
