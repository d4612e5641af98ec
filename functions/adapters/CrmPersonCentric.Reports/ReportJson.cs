using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CrmPersonCentric.Reports;

/// <summary>The JSON options of every file the evaluation writes (camelCase, enums as strings, indented).</summary>
public static class ReportJson
{
    /// <summary>The options, with the source-generated metadata of <see cref="ReportsJsonContext"/>.</summary>
    public static JsonSerializerOptions Options => ReportsJsonContext.Default.Options;

    /// <summary>Serialises with LF line endings and a final newline, so files are byte-identical across platforms.</summary>
    /// <exception cref="NotSupportedException">The type is not one of <see cref="ReportsJsonContext"/>'s.</exception>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>()).ReplaceLineEndings("\n") + "\n";

    /// <summary>The metadata of one of the report types.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
}
