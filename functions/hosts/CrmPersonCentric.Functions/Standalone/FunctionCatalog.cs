using System.Text.Json;

namespace CrmPersonCentric.Functions.Standalone;

/// <summary>
/// The functions of the build, read from the functions.metadata the Worker SDK generates from the trigger attributes:
/// the one source of truth the Functions host indexes and the standalone host serves.
/// </summary>
public sealed class FunctionCatalog
{
    /// <summary>The file the Worker SDK writes next to the worker.</summary>
    public const string FileName = "functions.metadata";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private FunctionCatalog(IReadOnlyList<FunctionEntry> functions) => Functions = functions;

    /// <summary>Every function.</summary>
    public IReadOnlyList<FunctionEntry> Functions { get; }

    /// <summary>Reads functions.metadata in <paramref name="directory"/>.</summary>
    /// <exception cref="InvalidDataException">The file is missing or not what the Worker SDK writes; the message names it.</exception>
    public static FunctionCatalog Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path} is missing: it is generated when the Functions project is built (dotnet build functions/hosts/CrmPersonCentric.Functions).");
        }

        try
        {
            var functions = JsonSerializer.Deserialize<List<FunctionEntry>>(File.ReadAllText(path), Json) ?? [];
            foreach (var function in functions)
            {
                if (string.IsNullOrWhiteSpace(function.Name) || string.IsNullOrWhiteSpace(function.EntryPoint) || function.Trigger is null)
                {
                    throw new InvalidDataException($"{path}: every function needs a name, an entry point and one trigger binding.");
                }
            }

            return new FunctionCatalog(functions);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>The functions whose trigger has this type (httpTrigger, queueTrigger, timerTrigger).</summary>
    public IEnumerable<FunctionEntry> WithTrigger(string type) =>
        Functions.Where(f => string.Equals(f.Trigger!.Type, type, StringComparison.OrdinalIgnoreCase));
}
